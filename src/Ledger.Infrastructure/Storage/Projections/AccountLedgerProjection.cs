namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// <c>account_ledger</c>: every event of every account with the balance and status after it. This is
/// the statement, and what time travel reads: the state at version N is one indexed row.
/// </summary>
public sealed class AccountLedgerProjection(AccountCurrencies currencies) : OneTableProjection("account_ledger")
{
    public override IProjectionBatch Begin(SqlEngine engine, BatchedTransaction writes) => new Batch(engine, writes, currencies);

    private sealed class Batch(SqlEngine engine, BatchedTransaction writes, AccountCurrencies currencies) : IProjectionBatch
    {
        private readonly DbCommand insert = engine.Prepare(writes.Connection, writes.Current, engine.Sql.InsertLedgerEntry, "@id", "@version", "@position", "@type", "@currency", "@amount", "@status", "@description", "@reference", "@counterparty", "@at");

        public async Task ApplyAsync(StoredEvent stored, CancellationToken cancellationToken)
        {
            var currency = await currencies.OfAsync(stored.Data, engine, writes, cancellationToken);
            var facts = EventFacts.Of(stored.Data);
            insert.Set("@id", stored.Data.AccountId);
            insert.Set("@version", stored.StreamVersion);
            insert.Set("@position", stored.Position);
            insert.Set("@type", stored.EventType);
            insert.Set("@currency", currency);
            insert.Set("@amount", Amounts.ToMinorUnits(facts.SignedAmount, currency));
            insert.Set("@status", stored.Data is AccountClosed ? nameof(AccountStatus.Closed) : nameof(AccountStatus.Active));
            insert.SetText("@description", facts.Description);
            insert.SetText("@reference", facts.Reference);
            insert.SetText("@counterparty", facts.CounterpartyAccountId);
            insert.Set("@at", engine.Instant(stored.OccurredAt));
            await writes.ExecuteAsync(insert, cancellationToken);
        }

        public ValueTask DisposeAsync() => insert.DisposeAsync();
    }
}
