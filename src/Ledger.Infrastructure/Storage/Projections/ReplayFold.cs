namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>A row of <c>account_ledger</c> as a replay folds it; recorded_at is taken from the event row when written.</summary>
internal sealed record LedgerRow(
    string AccountId, long Version, long Position, string EventType, string Currency, long AmountMinor, long BalanceAfterMinor,
    string StatusAfter, string? Description, string? Reference, string? CounterpartyAccountId, DateTimeOffset OccurredAt);

/// <summary>A row of <c>account_balances</c> as a replay folds it.</summary>
internal sealed record BalanceRow(
    string AccountId, string HolderId, string HolderName, string Currency, long BalanceMinor, string Status, long Version,
    DateTimeOffset OpenedAt, DateTimeOffset LastUpdatedAt, long LastPosition);

/// <summary>
/// The two account projections folded in memory during a rebuild's replay into empty shadow tables, so the
/// rows can be written in bulk (see <see cref="ShadowBulkWriter"/>) instead of one statement per event
/// reading the row before it. It applies exactly the rules of the projections' statements: a ledger row
/// only on top of the account's previous version (<see cref="AccountLedgerProjection"/>), a balance
/// inserted by AccountOpened and moved only from the version before (<see cref="AccountBalancesProjection"/>).
/// Balances are written once, at the end; the ledger rows of each chunk with the chunk.
/// </summary>
internal sealed class ReplayFold(bool balances, bool ledger)
{
    private readonly Dictionary<string, BalanceRow> balanceRows = new(StringComparer.Ordinal);

    /// <summary>Each account's last ledger row: its version and balance after it.</summary>
    private readonly Dictionary<string, (long Version, long Balance)> ledgerTips = new(StringComparer.Ordinal);

    /// <summary>Ledger rows folded since the last <see cref="TakeLedgerRows"/>.</summary>
    private List<LedgerRow> pendingLedger = [];

    public bool FoldsBalances => balances;

    public bool FoldsLedger => ledger;

    public IReadOnlyCollection<BalanceRow> Balances => balanceRows.Values;

    public void Apply(StoredEvent stored, string currency)
    {
        var accountId = stored.Data.AccountId;
        var facts = EventFacts.Of(stored.Data);
        var amount = Amounts.ToMinorUnits(facts.SignedAmount, currency);
        var status = stored.Data is AccountClosed ? nameof(AccountStatus.Closed) : nameof(AccountStatus.Active);
        if (ledger)
        {
            var tip = ledgerTips.GetValueOrDefault(accountId);
            if (tip.Version == stored.StreamVersion - 1)
            {
                var after = tip.Balance + amount;
                ledgerTips[accountId] = (stored.StreamVersion, after);
                pendingLedger.Add(new LedgerRow(accountId, stored.StreamVersion, stored.Position, stored.EventType, currency, amount, after,
                    status, facts.Description, facts.Reference, facts.CounterpartyAccountId, stored.OccurredAt));
            }
        }

        if (balances)
        {
            ApplyBalance(stored, amount, status);
        }
    }

    /// <summary>The ledger rows folded since the last call, to be written with their chunk.</summary>
    public IReadOnlyList<LedgerRow> TakeLedgerRows()
    {
        var rows = pendingLedger;
        pendingLedger = [];
        return rows;
    }

    private void ApplyBalance(StoredEvent stored, long amount, string status)
    {
        var accountId = stored.Data.AccountId;
        if (stored.Data is AccountOpened opened)
        {
            balanceRows.TryAdd(accountId, new BalanceRow(accountId, opened.HolderId, opened.HolderName, opened.Currency,
                Amounts.ToMinorUnits(opened.InitialDeposit, opened.Currency), nameof(AccountStatus.Active), 1, stored.OccurredAt, stored.OccurredAt, stored.Position));
            return;
        }

        if (balanceRows.TryGetValue(accountId, out var row) && row.Version == stored.StreamVersion - 1)
        {
            balanceRows[accountId] = row with
            {
                BalanceMinor = row.BalanceMinor + amount,
                Status = status,
                Version = stored.StreamVersion,
                LastUpdatedAt = stored.OccurredAt,
                LastPosition = stored.Position,
            };
        }
    }
}
