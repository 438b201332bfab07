using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ledger.Web.Desktop;

/// <summary>A program to run and its arguments: what <c>--open</c> would start.</summary>
public sealed record LaunchCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public override string ToString() => string.Join(' ', new[] { FileName }.Concat(Arguments));
}

/// <summary>
/// <c>--open</c>: shows the ledger in a browser once it listens, as a desktop app opens its window. Where a
/// Chromium-family browser is installed it opens in app mode (<c>--app=URL</c>: a window of its own, no tabs
/// or address bar); otherwise the system's default browser. Choosing is pure (<see cref="CommandFor"/>), so
/// tests check the choice without starting anything.
/// </summary>
public sealed class BrowserLauncher(Func<string, bool> fileExists, Action<LaunchCommand> start)
{
    private static readonly string[] LinuxChromium =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium", "/usr/bin/microsoft-edge"];

    private static readonly string[] MacChromium =
        ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"];

    private static readonly string[] WindowsChromium =
    [
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
        @"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
        @"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
        @"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    ];

    /// <summary>The real machine: real files, real processes.</summary>
    public static BrowserLauncher ThisMachine { get; } = new(File.Exists, Start);

    /// <summary>What to run to show <paramref name="url"/> on <paramref name="os"/>.</summary>
    public LaunchCommand CommandFor(Uri url, OSPlatform os)
    {
        var candidates = os == OSPlatform.Windows ? WindowsChromium : os == OSPlatform.OSX ? MacChromium : LinuxChromium;
        if (candidates.FirstOrDefault(fileExists) is { } chromium)
        {
            // A fresh profile folder is not needed: app mode works in the person's own profile, with their settings.
            return new LaunchCommand(chromium, ["--app=" + url]);
        }

        return os == OSPlatform.Windows ? new LaunchCommand("cmd", ["/c", "start", "", url.ToString()])
            : os == OSPlatform.OSX ? new LaunchCommand("open", [url.ToString()])
            : new LaunchCommand("xdg-open", [url.ToString()]);
    }

    /// <summary>Starts the browser; a failure is reported, never fatal: the ledger runs on and the address is in the log.</summary>
    public string? Open(Uri url)
    {
        var command = CommandFor(url, CurrentPlatform());
        try
        {
            start(command);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return $"Could not open a browser ({command}): {e.Message}. Open {url} yourself.";
        }
    }

    private static OSPlatform CurrentPlatform() =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;

    private static void Start(LaunchCommand command)
    {
        var info = new ProcessStartInfo(command.FileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The browser lives on its own; its output is not the ledger's log.
        using var process = Process.Start(info) ?? throw new InvalidOperationException("the process did not start");
    }
}
