using Ledger.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Ledger.Api.Tests.Security;

/// <summary>Which Host headers the app accepts, derived from the addresses it listens on.</summary>
public sealed class AllowedHostsTests
{
    private static readonly string[] Machine = ["ledger-box", "192.168.7.20", "[fe80::1]"];

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("LOCALHOST:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("[0:0:0:0:0:0:0:1]:5000", true)]
    [InlineData("[::ffff:127.0.0.1]:5000", true)]
    [InlineData("127.000.000.001:5000", true)]
    [InlineData("127.1:5000", false)]
    [InlineData("[::ffff:127.0.0.2]:5000", false)]
    [InlineData("evil.example:5000", false)]
    [InlineData("evil.example", false)]
    [InlineData("localhost:5001", false)]
    [InlineData("localhost", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("ledger-box:5000", false)]
    [InlineData("192.168.7.20:5000", false)]
    [InlineData("localhost.evil.example:5000", false)]
    [InlineData("", false)]
    public void ALoopbackBinding_AcceptsOnlyTheLoopbackNames_WithItsPort(string host, bool allowed)
    {
        var hosts = AllowedHosts.From(["http://127.0.0.1:5000"], [], () => Machine);

        Assert.Equal(allowed, hosts.Allows(new HostString(host), https: false));
    }

    [Fact]
    public void TheAcceptedHosts_AreListedInOrder_ForTheStartupLog()
    {
        var hosts = AllowedHosts.From(["http://localhost:5000"], AllowedHosts.ParseSetting("ledger.example.com"), () => Machine);

        Assert.Equal(["127.0.0.1:5000", "[::1]:5000", "ledger.example.com", "localhost:5000"], hosts.Describe());
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    public void EveryLoopbackBinding_AcceptsAllThreeLoopbackNames(string address)
    {
        var hosts = AllowedHosts.From([address], [], () => Machine);

        Assert.All(["localhost:5000", "127.0.0.1:5000", "[::1]:5000"], h => Assert.True(hosts.Allows(new HostString(h), false), h));
        Assert.False(hosts.Allows(new HostString("ledger-box:5000"), false));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080")]
    public void AWildcardBinding_AcceptsThisMachinesNamesAndAddresses_WithItsPort(string address)
    {
        var hosts = AllowedHosts.From([address], [], () => Machine);

        Assert.All(["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "ledger-box:8080", "LEDGER-BOX:8080", "192.168.7.20:8080", "[fe80::1]:8080"],
            h => Assert.True(hosts.Allows(new HostString(h), false), h));
        Assert.All(["evil.example:8080", "0.0.0.0:8080", "[::]:8080", "ledger-box:8081", "192.168.7.21:8080"],
            h => Assert.False(hosts.Allows(new HostString(h), false), h));
    }

    [Fact]
    public void ABindingToOneAddress_AcceptsThatAddress_AndThisMachinesNames()
    {
        var hosts = AllowedHosts.From(["http://192.168.7.20:5000"], [], () => Machine);

        Assert.True(hosts.Allows(new HostString("192.168.7.20:5000"), false));
        Assert.True(hosts.Allows(new HostString("ledger-box:5000"), false));
        Assert.False(hosts.Allows(new HostString("evil.example:5000"), false));
    }

    [Fact]
    public void AnHttpsBinding_OnPort443_AcceptsAHostWithoutAPort()
    {
        var hosts = AllowedHosts.From(["https://0.0.0.0:443"], [], () => Machine);

        Assert.True(hosts.Allows(new HostString("ledger-box"), https: true));
        Assert.False(hosts.Allows(new HostString("ledger-box"), https: false));
    }

    [Fact]
    public void ExtraNames_WithoutAPort_MatchAnyPort_AndWithAPort_OnlyThatOne()
    {
        var extra = AllowedHosts.ParseSetting(" ledger.example.com ; Proxy.Example:8443 ");
        var hosts = AllowedHosts.From(["http://127.0.0.1:5000"], extra, () => Machine);

        Assert.True(hosts.Allows(new HostString("ledger.example.com"), true));
        Assert.True(hosts.Allows(new HostString("ledger.example.com:5000"), false));
        Assert.True(hosts.Allows(new HostString("proxy.example:8443"), true));
        Assert.False(hosts.Allows(new HostString("proxy.example"), true));
        Assert.False(hosts.Allows(new HostString("other.example.com"), true));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.example.com")]
    [InlineData("http://ledger.example.com")]
    public void AWildcardOrAUrlInTheSetting_IsRefused(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllowedHosts.ParseSetting(setting));

        Assert.Contains("Ledger:AllowedHosts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnyAddress_AnInMemoryServer_AcceptsTheLoopbackNamesOnAnyPort()
    {
        var hosts = AllowedHosts.From([], [], () => Machine);

        Assert.True(hosts.Allows(new HostString("localhost"), false));
        Assert.True(hosts.Allows(new HostString("127.0.0.1:1234"), false));
        Assert.False(hosts.Allows(new HostString("evil.example"), false));
        Assert.False(hosts.Allows(new HostString("ledger-box"), false));
    }

    [Fact]
    public void ThisMachinesNames_IncludeItsHostNameAndLoopbackAddress()
    {
        var names = AllowedHosts.MachineNames().ToList();

        Assert.Contains(System.Net.Dns.GetHostName(), names);
        Assert.Contains("127.0.0.1", names);
    }
}
