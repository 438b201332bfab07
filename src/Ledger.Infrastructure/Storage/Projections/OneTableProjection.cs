namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>A projection that owns one table and is named after it.</summary>
public abstract class OneTableProjection(string table) : IProjection
{
    public string Name => table;

    public IReadOnlyList<string> Tables { get; } = [table];

    public abstract IProjectionBatch Begin(SqlEngine engine, BatchedTransaction writes);
}
