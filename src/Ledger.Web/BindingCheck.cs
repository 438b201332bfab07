using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ledger.Web;

/// <summary>A ledger reachable from the network is a choice someone must have made on purpose: say so loudly.</summary>
internal static class BindingCheck
{
    public static void WarnIfNotLoopback(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!IsLoopback(address))
            {
                app.Logger.LogWarning("Ledger is listening on {Address}, which is reachable from other machines. It has no authentication: bind to 127.0.0.1 unless you mean it", address);
            }
        }
    }

    internal static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
