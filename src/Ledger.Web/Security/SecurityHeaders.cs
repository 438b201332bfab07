using System.Security.Cryptography;

namespace Ledger.Web.Security;

/// <summary>
/// Headers every response carries. The policy allows what Blazor Server and MudBlazor need and nothing else:
/// scripts from this origin (plus the import map Blazor writes inline, by a per-request nonce), inline styles
/// (MudBlazor sets style attributes), data: images and fonts, the circuit's WebSocket back to this origin; no
/// plugins, no framing by anyone.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Ledger.CspNonce";

    /// <summary>The nonce of this response's Content-Security-Policy, for an inline script the app itself writes.</summary>
    public static string CspNonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex, not base64: "+", "/" and "=" would be HTML-encoded in the attribute, which reads badly in the page source.
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    internal static void Add(HttpContext context)
    {
        var nonce = CspNonce(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; " +
                $"script-src 'self' 'nonce-{nonce}'; " +
                "style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' data:; " +
                "font-src 'self' data:; " +
                "connect-src 'self'; " +
                "object-src 'none'; " +
                "base-uri 'self'; " +
                "form-action 'self'; " +
                "frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            // Not no-referrer: under it a browser sends "Origin: null" on its own form posts (sign-in, sign-out),
            // which the origin check must refuse. same-origin still tells other sites nothing.
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
    }
}
