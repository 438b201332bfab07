using Ledger.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Where the app agrees to listen: loopback always; an address other machines reach only with sign-in on, and plain
/// http there only with --allow-http. A refusal names both flags. (The real process refusing: Reliability's
/// Http/SignInStartTests.)
/// </summary>
public sealed class ListenPolicyTests
{
    private static readonly SignInChoice Off = new(false, false);
    private static readonly SignInChoice On = new(true, false);
    private static readonly SignInChoice OnWithHttp = new(true, true);

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("https://[::1]:5001")]
    public void OnLoopback_AnythingGoes(string url)
    {
        Assert.Null(ListenPolicy.Refusal([url], Off));
        Assert.Null(ListenPolicy.Refusal([url], On));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("https://0.0.0.0:5001")]
    [InlineData("http://[::]:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:5000")]
    [InlineData("http://192.168.1.20:5000")]
    public void ReachableFromOtherMachines_WithoutSignIn_IsRefused_NamingBothFlags(string url)
    {
        var refusal = ListenPolicy.Refusal(["http://127.0.0.1:5000", url], Off);
        Assert.NotNull(refusal);
        Assert.Contains(url, refusal, StringComparison.Ordinal);
        Assert.Contains("--auth on", refusal, StringComparison.Ordinal);
        Assert.Contains("--allow-http", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainHttpReachableFromOtherMachines_NeedsAllowHttp_EvenWithSignIn()
    {
        var refusal = ListenPolicy.Refusal(["http://0.0.0.0:5000"], On);
        Assert.NotNull(refusal);
        Assert.Contains("--allow-http", refusal, StringComparison.Ordinal);
        Assert.Contains("--auth on", refusal, StringComparison.Ordinal);
        Assert.Null(ListenPolicy.Refusal(["http://0.0.0.0:5000"], OnWithHttp));
        Assert.Null(ListenPolicy.Refusal(["https://0.0.0.0:5001"], On));
    }

    [Fact]
    public void TheConfiguredAddresses_IncludePortsAndKestrelEndpoints_AndDefaultToLoopback()
    {
        Assert.Equal([ListenPolicy.DefaultUrl], ListenPolicy.ConfiguredAddresses(Configuration()));
        var addresses = ListenPolicy.ConfiguredAddresses(Configuration(
            ("urls", "http://127.0.0.1:5000;http://0.0.0.0:5002"),
            ("http_ports", "8080"),
            ("https_ports", "8443"),
            ("Kestrel:Endpoints:Lan:Url", "https://192.168.1.20:9443")));
        Assert.Equal(["http://127.0.0.1:5000", "http://0.0.0.0:5002", "http://*:8080", "https://*:8443", "https://192.168.1.20:9443"], addresses);
    }

    [Fact]
    public void SignIn_IsOffByDefault_AndTheCommandLineWinsOverConfiguration()
    {
        Assert.Equal(Off, SignInChoice.From(CommandLine.Parse([]), Configuration()));
        Assert.Equal(OnWithHttp, SignInChoice.From(CommandLine.Parse(["--auth", "on", "--allow-http"]), Configuration()));
        Assert.Equal(On, SignInChoice.From(CommandLine.Parse([]), Configuration(("Ledger:Auth", "on"))));
        Assert.Equal(Off, SignInChoice.From(CommandLine.Parse(["--auth=off"]), Configuration(("Ledger:Auth", "on"))));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--auth", "maybe"]));
        Assert.Throws<InvalidOperationException>(() => SignInChoice.From(CommandLine.Parse([]), Configuration(("Ledger:Auth", "sometimes"))));
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData(" On ", true)]
    [InlineData("TRUE", true)]
    [InlineData("off", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void TheAuthSetting_TakesOnOrOff_AsWordsPeopleWrite(string setting, bool required)
    {
        Assert.Equal(required, SignInChoice.From(CommandLine.Parse([]), Configuration(("Ledger:Auth", setting))).Required);
    }

    [Fact]
    public void AnUnclearAuthSetting_StopsTheStart_SayingWhatItMustBe()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SignInChoice.From(CommandLine.Parse([]), Configuration(("Ledger:Auth", "yes please"))));

        Assert.Equal("Ledger:Auth must be on or off; got 'yes please'.", refused.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
