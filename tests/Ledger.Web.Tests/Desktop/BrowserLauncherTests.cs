using System.Runtime.InteropServices;
using Ledger.Web.Desktop;

namespace Ledger.Web.Tests.Desktop;

/// <summary>What <c>--open</c> would start on each system, decided without starting anything.</summary>
public sealed class BrowserLauncherTests
{
    private static readonly Uri Url = new("http://127.0.0.1:5000/");

    [Fact]
    public void Linux_WithChromium_OpensAnAppWindow()
    {
        var launcher = new BrowserLauncher(path => path == "/usr/bin/chromium", _ => throw new InvalidOperationException("not in tests"));
        var command = launcher.CommandFor(Url, OSPlatform.Linux);
        Assert.Equal("/usr/bin/chromium", command.FileName);
        Assert.Equal(["--app=http://127.0.0.1:5000/"], command.Arguments);
    }

    [Fact]
    public void Linux_WithoutChromium_UsesTheDefaultBrowser()
    {
        var command = new BrowserLauncher(_ => false, _ => { }).CommandFor(Url, OSPlatform.Linux);
        Assert.Equal("xdg-open http://127.0.0.1:5000/", command.ToString());
    }

    [Fact]
    public void Windows_PrefersChromeOrEdgeInAppMode_ElseStart()
    {
        var edge = @"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe";
        Assert.Equal(edge + " --app=http://127.0.0.1:5000/", new BrowserLauncher(p => p == edge, _ => { }).CommandFor(Url, OSPlatform.Windows).ToString());
        Assert.Equal(["/c", "start", "", "http://127.0.0.1:5000/"], new BrowserLauncher(_ => false, _ => { }).CommandFor(Url, OSPlatform.Windows).Arguments);
    }

    [Fact]
    public void MacOs_WithoutChrome_UsesOpen()
    {
        Assert.Equal("open http://127.0.0.1:5000/", new BrowserLauncher(_ => false, _ => { }).CommandFor(Url, OSPlatform.OSX).ToString());
    }

    [Fact]
    public void Open_StartsTheChosenCommand_AndReportsAFailureInsteadOfThrowing()
    {
        var started = new List<LaunchCommand>();
        Assert.Null(new BrowserLauncher(p => p == "/usr/bin/chromium" || p.EndsWith("chrome.exe", StringComparison.Ordinal) || p.Contains("Google Chrome", StringComparison.Ordinal), started.Add).Open(Url));
        Assert.Single(started);
        Assert.StartsWith("--app=", started[0].Arguments[0], StringComparison.Ordinal);

        var problem = new BrowserLauncher(_ => false, _ => throw new System.ComponentModel.Win32Exception("no such program")).Open(Url);
        Assert.Contains("Open http://127.0.0.1:5000/ yourself", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("https://ledger.example:8443", "https://ledger.example:8443/")]
    public void BoundAddress_BecomesOneABrowserCanVisit(string bound, string expected) =>
        Assert.Equal(expected, OpenBrowser.BrowsableUrl(bound).ToString());

    [Fact]
    public void OpenSwitch_IsTakenFromTheCommandLine_AndNotPassedToTheHost()
    {
        var commandLine = CommandLine.Parse(["--open", "--urls", "http://127.0.0.1:0"]);
        Assert.True(commandLine.Open);
        Assert.DoesNotContain("--open", commandLine.HostArgs);
        Assert.False(CommandLine.Parse([]).Open);
    }
}
