namespace Ledger.Infrastructure.Storage.Model;

/// <summary>Hands out the engine's own context type wherever the code asks for a <see cref="LedgerDbContext"/>.</summary>
internal sealed class LedgerContexts<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<LedgerDbContext>
    where TContext : LedgerDbContext
{
    public LedgerDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<LedgerDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
