using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

/// <summary>
/// The state of one account after <see cref="Version"/> events, folded by <see cref="Evolve"/>.
/// Immutable: every event yields a new record, so any past state can be kept and compared.
/// </summary>
public sealed record Account(
    string AccountId,
    string HolderId,
    string HolderName,
    string Currency,
    decimal Balance,
    AccountStatus Status,
    long Version,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastUpdatedAt)
{
    public bool IsClosed => Status == AccountStatus.Closed;

    public static string StreamId(string accountId) => "BankAccount-" + accountId;

    /// <summary>
    /// Folds one event onto a state; <paramref name="state"/> is null before the account exists. Decimal sums
    /// throw on overflow in any context (no <c>checked</c> needed), and the rules keep balances far inside it.
    /// </summary>
    public static Account Evolve(Account? state, IAccountEvent @event) => @event switch
    {
        AccountOpened e => new Account(
            e.AccountId, e.HolderId, e.HolderName, e.Currency, Amounts.Canonical(e.InitialDeposit),
            AccountStatus.Active, 1, e.OccurredAt, e.OccurredAt),
        MoneyDeposited e => Existing(state, e) with { Balance = Amounts.Canonical(state!.Balance + e.Amount) },
        MoneyWithdrawn e => Existing(state, e) with { Balance = Amounts.Canonical(state!.Balance - e.Amount) },
        TransferReceived e => Existing(state, e) with { Balance = Amounts.Canonical(state!.Balance + e.Amount) },
        TransferInitiated e => Existing(state, e) with { Balance = Amounts.Canonical(state!.Balance - e.Amount) },
        AccountClosed e => Existing(state, e) with { Status = AccountStatus.Closed },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown account event."),
    };

    public static Account? Fold(IEnumerable<IAccountEvent> events, Account? state = null)
    {
        foreach (var e in events)
        {
            state = Evolve(state, e);
        }

        return state;
    }

    private static Account Existing(Account? state, IAccountEvent e) =>
        state is null
            ? throw new InvalidOperationException($"{e.GetType().Name} for account '{e.AccountId}' arrived before AccountOpened.")
            : state with { Version = state.Version + 1, LastUpdatedAt = e.OccurredAt };
}
