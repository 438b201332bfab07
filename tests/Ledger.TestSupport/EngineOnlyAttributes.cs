using Xunit;

namespace Ledger.TestSupport;

/// <summary>
/// The one way a test says it belongs to one storage engine: about SQLite files themselves (backup and
/// restore, a file lock, a network namespace that only a file reaches), or about a PostgreSQL server's
/// faults. It runs in the suite of that engine; the other suite reports it skipped, saying which engine
/// it needs and why, so the list of one-engine tests is always the list of skips with this reason.
/// </summary>
internal static class EngineOnly
{
    public static string? SkipUnless(string provider, string why) =>
        TestDatabase.DefaultIs(provider) ? null : $"{Reason(provider)}: {why} (runs in the {provider} suite; this one runs on {TestDatabase.DefaultProvider}).";

    private static string Reason(string provider) => provider == PostgresTestDatabase.ProviderName ? "PostgreSQL server faults" : "SQLite file operations";
}

/// <summary>A fact that runs only where the suite's engine is SQLite (see <see cref="EngineOnly"/>).</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string why) => Skip = EngineOnly.SkipUnless("sqlite", why);
}

/// <summary>A theory that runs only where the suite's engine is SQLite (see <see cref="EngineOnly"/>).</summary>
public sealed class SqliteOnlyTheoryAttribute : TheoryAttribute
{
    public SqliteOnlyTheoryAttribute(string why) => Skip = EngineOnly.SkipUnless("sqlite", why);
}

/// <summary>
/// A fact that runs only in a suite on PostgreSQL (see <see cref="EngineOnly"/>). Without a server it
/// reports skipped with the way to start one, except on CI, where it runs and fails, as every
/// PostgreSQL test does (see <see cref="PostgresTestDatabase"/>).
/// </summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute(string why) =>
        Skip = EngineOnly.SkipUnless(PostgresTestDatabase.ProviderName, why)
            ?? (PostgresTestDatabase.ServerConfigured || PostgresTestDatabase.OnCi ? null : PostgresTestDatabase.HowToEnable);
}
