using System.Net;
using Ledger.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ledger.Web;

/// <summary>A ledger reachable from the network is a choice someone must have made on purpose: say so loudly.</summary>
internal static class BindingCheck
{
    public static IReadOnlyCollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public static void WarnIfNotLoopback(WebApplication app, SignInChoice signIn)
    {
        foreach (var address in Addresses(app).Where(a => !IsLoopback(a)))
        {
            if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                app.Logger.LogWarning("Ledger is listening on {Address}, which is reachable from other machines, over plain http (--allow-http): sign-in is required, but passwords and tokens cross the network unencrypted unless a TLS proxy is in front", address);
            }
            else
            {
                app.Logger.LogWarning("Ledger is listening on {Address}, which is reachable from other machines; sign-in is {SignIn}", address, signIn.Required ? "required" : "off");
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
