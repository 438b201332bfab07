namespace Ledger.TestSupport;

/// <summary>
/// Names the engine a test assembly's ledgers use unless a test chooses one (see
/// <see cref="TestDatabase.DefaultProvider"/>). A suite's PostgreSQL twin sets it from its project file.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestEngineAttribute(string provider) : Attribute
{
    public string Provider { get; } = provider;
}
