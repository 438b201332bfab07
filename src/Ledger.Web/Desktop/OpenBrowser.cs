namespace Ledger.Web.Desktop;

/// <summary>What <c>--open</c> does once Kestrel listens: turn the bound address into one a browser can visit, and open it.</summary>
public static class OpenBrowser
{
    /// <summary>
    /// A wildcard binding (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) is no place to browse to; this machine is
    /// reached on loopback, which the Host filter always accepts.
    /// </summary>
    public static Uri BrowsableUrl(string address)
    {
        var normalized = address
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(normalized.TrimEnd('/') + "/");
    }

    public static void At(string address, BrowserLauncher launcher, ILogger logger)
    {
        var url = BrowsableUrl(address);
        logger.LogInformation("Opening {Url} in a browser (--open)", url);
        if (launcher.Open(url) is { } problem)
        {
            logger.LogWarning("{Problem}", problem);
        }
    }
}
