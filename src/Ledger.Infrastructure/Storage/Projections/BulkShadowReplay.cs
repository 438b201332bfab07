namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// A rebuild's first replay, into empty shadow tables, where the engine can write in bulk (PostgreSQL):
/// the account projections are folded in memory (<see cref="ReplayFold"/>) and written with COPY, each
/// chunk's ledger rows in the chunk's transaction and every balance row once at the end; any other
/// projection is applied event by event as before. Afterwards the shadow holds exactly what the
/// per-event replay would have left, so the rest of the rebuild goes on with the ordinary statements.
/// </summary>
internal sealed class BulkShadowReplay(IReadOnlyList<IProjection> projections, AccountCurrencies currencies)
{
    /// <summary>Null where the shadow's engine has no bulk path: the caller replays event by event.</summary>
    public static BulkShadowReplay? For(ProjectionConnection shadow, IReadOnlyList<IProjection> projections, AccountCurrencies currencies) =>
        ShadowBulkWriter.For(shadow) is null ? null : new BulkShadowReplay(projections, currencies);

    /// <summary>Applies every event up to <paramref name="upTo"/> to the empty shadow; returns the position reached.</summary>
    public async Task<long> ReplayAsync(ShadowReplay replay, long upTo, Action<long> progress, CancellationToken cancellationToken)
    {
        var (shadow, holds) = (replay.Shadow, replay.Holds);
        var writer = ShadowBulkWriter.For(shadow)!;
        var fold = new ReplayFold(
            balances: projections.Any(p => p is AccountBalancesProjection),
            ledger: projections.Any(p => p is AccountLedgerProjection));
        var others = projections.Where(p => p is not (AccountBalancesProjection or AccountLedgerProjection)).ToArray();
        await writer.CreateStagingAsync(cancellationToken);
        long position = 0;
        while (position < upTo)
        {
            shadow.Begin(write: false);
            var chunk = await replay.ReadChunkAsync(position, upTo, cancellationToken);
            if (chunk.Count == 0)
            {
                await shadow.EndAsync();
                break;
            }

            foreach (var stored in chunk)
            {
                if (!await holds.PassesOverAsync(shadow, stored, cancellationToken))
                {
                    if (stored.Data is AccountOpened opened)
                    {
                        currencies.Remember(opened);
                    }

                    // Known once the account's AccountOpened has passed; read from the store only for an account opened before a hold.
                    var currency = await currencies.GetAsync(stored.Data.AccountId, shadow.Engine, shadow.Connection, shadow.Writes.Current, cancellationToken);
                    fold.Apply(stored, currency);
                }
            }

            await replay.ApplyAsync(others, chunk, cancellationToken);

            // Quarantine holds and the other projections' writes first, then the chunk's rows, then one commit.
            await shadow.Writes.ReadyAsync(cancellationToken);
            await writer.WriteLedgerAsync(fold.TakeLedgerRows(), cancellationToken);
            await shadow.CommitAsync(cancellationToken);
            holds.Committed(shadow);
            position = chunk[^1].Position;
            progress(position);
        }

        if (fold.FoldsBalances)
        {
            shadow.Begin(write: false);
            await shadow.Writes.ReadyAsync(cancellationToken);
            await writer.WriteBalancesAsync(fold.Balances, cancellationToken);
            await shadow.CommitAsync(cancellationToken);
        }

        await writer.DropStagingAsync(cancellationToken);
        return position;
    }
}
