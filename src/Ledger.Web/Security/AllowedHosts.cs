using System.Net;
using System.Net.NetworkInformation;

namespace Ledger.Web.Security;

/// <summary>
/// The host names a request may carry, derived from the addresses the server listens on. A page on another site
/// that rebinds its own name to 127.0.0.1 still sends its own name in <c>Host</c>, so only names that mean this
/// machine get in. Entries are (host, port); a null port matches any port.
/// </summary>
internal sealed class AllowedHosts
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];
    private readonly HashSet<(string Host, int? Port)> entries;

    private AllowedHosts(HashSet<(string Host, int? Port)> entries) => this.entries = entries;

    public IEnumerable<string> Describe() => entries.Select(e => e.Port is { } port ? $"{e.Host}:{port}" : e.Host).Order(StringComparer.Ordinal);

    /// <summary>
    /// Loopback bindings admit the loopback names with the bound port. Any other binding (a wildcard, a LAN address,
    /// a host name) also admits the bound host, this machine's name and its own addresses, with the bound port.
    /// With no addresses at all (an in-memory test server, which no browser can reach) the loopback names on any
    /// port. <paramref name="extra"/> (Ledger:AllowedHosts) adds names, each with or without a port.
    /// </summary>
    public static AllowedHosts From(IReadOnlyCollection<string> addresses, IReadOnlyList<(string Host, int? Port)> extra, Func<IEnumerable<string>> machineNames)
    {
        var entries = new HashSet<(string, int?)>();
        if (addresses.Count == 0)
        {
            entries.UnionWith(LoopbackNames.Select(n => (n, (int?)null)));
        }

        foreach (var address in addresses)
        {
            var binding = BindingAddress.Parse(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
            var names = new List<string>(LoopbackNames) { binding.Host };
            if (!IsLoopback(binding.Host))
            {
                names.AddRange(machineNames());
            }

            entries.UnionWith(names.Where(n => !IsWildcard(n)).Select(n => (Normalize(n), (int?)binding.Port)));
        }

        entries.UnionWith(extra);
        return new AllowedHosts(entries);
    }

    public bool Allows(HostString host, bool https)
    {
        if (!host.HasValue || string.IsNullOrEmpty(host.Host))
        {
            return false;
        }

        var name = Normalize(host.Host);
        var port = host.Port ?? (https ? 443 : 80);
        return entries.Contains((name, port)) || entries.Contains((name, null));
    }

    /// <summary>This machine's host name and every address of its network interfaces (brackets around IPv6).</summary>
    public static IEnumerable<string> MachineNames()
    {
        yield return Dns.GetHostName();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                yield return Literal(unicast.Address);
            }
        }
    }

    /// <summary>
    /// The Ledger:AllowedHosts setting: names separated by semicolons, each with or without a port. Refuses a
    /// wildcard at start, since "*" (ASP.NET Core's usual value) would switch the defence off.
    /// </summary>
    public static IReadOnlyList<(string Host, int? Port)> ParseSetting(string? setting) =>
        (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseExtra).ToArray();

    private static (string Host, int? Port) ParseExtra(string entry)
    {
        var text = entry.Trim();
        if (text.Length == 0 || text.Contains('*', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Ledger:AllowedHosts entry '{entry}' is not a host name: list names such as ledger.example.com or ledger.example.com:8443. A wildcard would let any web page reach the ledger.");
        }

        var host = HostString.FromUriComponent(text);
        return (Normalize(host.Host), host.Port);
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "::";

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Lower case; an address in its canonical form, so "[0:0:0:0:0:0:0:1]" is "[::1]".</summary>
    private static string Normalize(string host)
    {
        var bare = host.Trim('[', ']');
        if (host.Contains(':', StringComparison.Ordinal) || host.StartsWith('['))
        {
            return IPAddress.TryParse(bare, out var v6) ? Literal(v6) : host.ToLowerInvariant();
        }

        return IPAddress.TryParse(host, out var v4) && host.Count(c => c == '.') == 3 ? Literal(v4) : host.ToLowerInvariant();
    }

    private static string Literal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            address = new IPAddress(address.GetAddressBytes());
            return "[" + address + "]";
        }

        return address.ToString();
    }
}
