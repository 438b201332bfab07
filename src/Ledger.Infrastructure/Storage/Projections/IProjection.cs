using System.Data.Common;
using Ledger.Infrastructure.Storage.Sql;

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

    IProjectionBatch Begin(SqlEngine engine, DbConnection connection, DbTransaction transaction);
}

/// <summary>A projection's prepared statements on one connection, reused across that connection's transactions.</summary>
public interface IProjectionBatch : IAsyncDisposable
{
    /// <summary>Moves every statement into the connection's next transaction.</summary>
    void Enlist(DbTransaction transaction);

    Task ApplyAsync(StoredEvent stored, CancellationToken cancellationToken);
}
