namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// The read model's writing connection and the gate in front of it: one delivery, catch-up chunk or
/// quarantine release at a time. On SQLite deliveries arrive from inside the write path's turn, so in-process
/// appends never contend with them for the database's one write lock.
/// </summary>
public sealed class ProjectionWorkspace(SqlEngine engine) : IAsyncDisposable, IDisposable
{
    private readonly AsyncGate gate = new();

    /// <summary>Opened on first use; only touched inside <see cref="gate"/>.</summary>
    private ProjectionConnection? connection;

    /// <summary>Waits for the gate and begins a transaction; disposing the lease rolls back what was not committed and lets the next one in.</summary>
    internal async Task<Lease> BeginAsync(CancellationToken cancellationToken)
    {
        var held = await gate.EnterAsync(cancellationToken);
        try
        {
            if (connection is { IsUsable: false })
            {
                // The connection broke (disk gone, file replaced, server restarted): start over with a fresh one.
                await connection.DisposeAsync();
                connection = null;
            }

            connection ??= await ProjectionConnection.OpenAsync(engine, cancellationToken);
            connection.Begin();
            return new Lease(connection, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (await gate.EnterAsync(CancellationToken.None))
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One transaction on the workspace's connection, with the gate held: the connection itself stays open.</summary>
    internal sealed class Lease(ProjectionConnection session, AsyncGate.Releaser held) : IAsyncDisposable
    {
        public ProjectionConnection Session => session;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await session.EndAsync();
            }
            finally
            {
                held.Dispose();
            }
        }
    }
}
