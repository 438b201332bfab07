using Microsoft.Extensions.Primitives;

namespace Ledger.Web.Security;

/// <summary>Whether a browser's Origin header names the site the request was sent to.</summary>
internal static class Origins
{
    /// <summary>
    /// Same origin means the same scheme, host and port as the request itself. "null" (a sandboxed frame, a file, a
    /// redirect across sites), a malformed value or several values count as foreign.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request, StringValues origin)
    {
        if (origin.Count != 1 || !Uri.TryCreate(origin[0], UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment)
            || !request.Host.HasValue)
        {
            return false;
        }

        var requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == requestPort;
    }
}
