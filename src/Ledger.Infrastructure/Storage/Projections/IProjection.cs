namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// A read model kept from the event stream. Applying an event it has already applied must change
/// nothing; the runner guarantees position order and owns the checkpoint and the transaction.
/// </summary>
public interface IProjection
{
    string Name { get; }

    /// <summary>Tables this projection owns; emptied before a rebuild.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>The projection's statements on the connection of <paramref name="writes"/>; every write goes through <paramref name="writes"/>.</summary>
    IProjectionBatch Begin(SqlEngine engine, BatchedTransaction writes);
}

/// <summary>A projection's prepared statements on one connection, reused across that connection's transactions.</summary>
public interface IProjectionBatch : IAsyncDisposable
{
    /// <summary>Applies one event in the connection's current transaction; the write may only be queued (see <see cref="BatchedTransaction"/>).</summary>
    Task ApplyAsync(StoredEvent stored, CancellationToken cancellationToken);
}
