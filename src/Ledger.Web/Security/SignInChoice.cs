namespace Ledger.Web.Security;

/// <summary>What the operator asked for: sign-in on or off (<c>--auth</c>, <c>Ledger:Auth</c>), and whether plain http may face the network.</summary>
public sealed record SignInChoice(bool Required, bool AllowHttp)
{
    public const string AuthSetting = "Ledger:Auth";
    public const string AllowHttpSetting = "Ledger:AllowHttp";

    /// <summary>The command line wins over configuration; without either, sign-in is off.</summary>
    public static SignInChoice From(CommandLine commandLine, IConfiguration configuration)
    {
        var auth = commandLine.Auth ?? configuration[AuthSetting];
        var required = auth?.Trim().ToLowerInvariant() switch
        {
            null or "" or "off" or "false" => false,
            "on" or "true" => true,
            _ => throw new InvalidOperationException($"{AuthSetting} must be on or off; got '{auth}'."),
        };
        return new SignInChoice(required, commandLine.AllowHttp || configuration.GetValue<bool>(AllowHttpSetting));
    }
}

/// <summary>
/// Where a ledger may listen. Loopback only: anything goes (the single-user desktop case). Any address another
/// machine can reach: only with sign-in on, and over https unless the operator says plain http is fine there.
/// </summary>
public static class ListenPolicy
{
    /// <summary>The default listen address when none is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>Why the app must not start on <paramref name="addresses"/>, or null when it may.</summary>
    public static string? Refusal(IEnumerable<string> addresses, SignInChoice choice)
    {
        var exposed = addresses.Where(a => !BindingCheck.IsLoopback(a)).ToArray();
        if (exposed.Length == 0)
        {
            return null;
        }

        var where = string.Join(", ", exposed);
        if (!choice.Required)
        {
            return $"Ledger will not start: {where} is reachable from other machines and sign-in is off. " +
                "Start it with --auth on (add users first: users add NAME --role admin), or listen on 127.0.0.1 only. " +
                "Plain http:// on such an address also needs --allow-http.";
        }

        var plain = exposed.Where(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (plain.Length > 0 && !choice.AllowHttp)
        {
            return $"Ledger will not start: {string.Join(", ", plain)} is plain http:// reachable from other machines, so passwords, " +
                "cookies and tokens would cross the network unencrypted. Listen on https:// instead, or add --allow-http when " +
                "a TLS proxy in front of Ledger encrypts the traffic (sign-in stays on: --auth on).";
        }

        return null;
    }

    /// <summary>
    /// The addresses the configuration asks Kestrel for, before it starts: <c>urls</c> (<c>--urls</c>, ASPNETCORE_URLS),
    /// <c>http_ports</c>/<c>https_ports</c> (every interface), and <c>Kestrel:Endpoints:*:Url</c>.
    /// </summary>
    public static IReadOnlyList<string> ConfiguredAddresses(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        addresses.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
        addresses.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses.Count == 0 ? [DefaultUrl] : addresses;
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
