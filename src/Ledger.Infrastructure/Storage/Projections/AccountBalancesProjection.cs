namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// <c>account_balances</c>: one row per account with its current balance in minor units. An event
/// applies only on top of the version before it, so a repeated delivery is a no-op.
/// </summary>
public sealed class AccountBalancesProjection(AccountCurrencies currencies) : OneTableProjection("account_balances")
{
    public override IProjectionBatch Begin(SqlEngine engine, BatchedTransaction writes) => new Batch(engine, writes, currencies);

    private sealed class Batch(SqlEngine engine, BatchedTransaction writes, AccountCurrencies currencies) : IProjectionBatch
    {
        private readonly DbCommand insert = engine.Prepare(writes.Connection, writes.Current, engine.Sql.InsertBalance, "@id", "@holder_id", "@holder_name", "@currency", "@amount", "@at", "@position");

        private readonly DbCommand update = engine.Prepare(writes.Connection, writes.Current, engine.Sql.UpdateBalance, "@id", "@amount", "@status", "@version", "@at", "@position");

        public async Task ApplyAsync(StoredEvent stored, CancellationToken cancellationToken)
        {
            var currency = await currencies.OfAsync(stored.Data, engine, writes, cancellationToken);
            if (stored.Data is AccountOpened opened)
            {
                insert.Set("@id", opened.AccountId);
                insert.Set("@holder_id", opened.HolderId);
                insert.Set("@holder_name", opened.HolderName);
                insert.Set("@currency", opened.Currency);
                insert.Set("@amount", Amounts.ToMinorUnits(opened.InitialDeposit, opened.Currency));
                insert.Set("@at", engine.Instant(stored.OccurredAt));
                insert.Set("@position", stored.Position);
                await writes.ExecuteAsync(insert, cancellationToken);
                return;
            }

            update.Set("@id", stored.Data.AccountId);
            update.Set("@amount", Amounts.ToMinorUnits(EventFacts.Of(stored.Data).SignedAmount, currency));
            update.Set("@status", stored.Data is AccountClosed ? nameof(AccountStatus.Closed) : nameof(AccountStatus.Active));
            update.Set("@version", stored.StreamVersion);
            update.Set("@at", engine.Instant(stored.OccurredAt));
            update.Set("@position", stored.Position);
            await writes.ExecuteAsync(update, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await update.DisposeAsync();
        }
    }
}
