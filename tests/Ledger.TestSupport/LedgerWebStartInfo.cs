namespace Ledger.TestSupport;

/// <summary>What a suite decides about its Ledger.Web child process; the rest is the same for every suite.</summary>
public sealed record LedgerWebStartInfo(TestDatabase Database)
{
    /// <summary>A loopback port to listen on; null lets the operating system pick a free one.</summary>
    public int? Port { get; init; }

    /// <summary>ASPNETCORE_ENVIRONMENT.</summary>
    public required string Environment { get; init; }

    /// <summary>The app's working directory, which is also its content root.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The path that must answer 200 before the app counts as started.</summary>
    public required string ReadinessPath { get; init; }

    public required TimeSpan StartTimeout { get; init; }

    /// <summary>Extra command-line switches for the app, after the database's (<c>--seed-demo</c>, say).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();
}
