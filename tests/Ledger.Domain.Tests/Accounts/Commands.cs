namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// Commands with sensible defaults, as the decisions a scenario runs, so each test states only what matters
/// to it (<see cref="History"/> does the same for past events). Each command is built inside its decision,
/// because a malformed command is refused by its constructor and that refusal is what ThenRejected checks.
/// </summary>
internal static class Commands
{
    /// <summary>Who sends the close command; the account is closed by them unless the command names someone.</summary>
    public const string Actor = "teller-7";

    public static Func<Account?, DateTimeOffset, IEnumerable<IAccountEvent>> Open(
        string accountId = Id, string holderId = "h-42", string? holderName = "Ada Lovelace",
        string currency = "EUR", decimal initialDeposit = 100m) =>
        (state, now) => OpenAccount.Decide(state, new OpenAccount(accountId, holderId, holderName, currency, initialDeposit), now);

    public static Func<Account?, DateTimeOffset, IEnumerable<IAccountEvent>> Deposit(
        decimal amount, string reference = "ref-1", string? description = "Salary", string accountId = Id) =>
        (state, now) => DepositMoney.Decide(state, new DepositMoney(accountId, amount, reference, description), now);

    public static Func<Account?, DateTimeOffset, IEnumerable<IAccountEvent>> Withdraw(
        decimal amount, string reference = "atm-7", string? description = "Cash", string accountId = Id) =>
        (state, now) => WithdrawMoney.Decide(state, new WithdrawMoney(accountId, amount, reference, description), now);

    public static Func<Account?, DateTimeOffset, IEnumerable<IAccountEvent>> Close(
        string reason = "Customer moved abroad", string? closedBy = "manager-1", string accountId = Id) =>
        (state, now) => CloseAccount.Decide(state, new CloseAccount(accountId, reason, closedBy), Actor, now);

    /// <summary>A transfer from <see cref="History.Id"/> to <see cref="History.Other"/> unless told otherwise.</summary>
    public static Func<TransferMoney> Transfer(
        decimal amount, string from = Id, string to = Other, string? description = "Rent", string transferId = "t-1") =>
        () => new TransferMoney(transferId, from, to, amount, description);

    /// <summary>The two events a <see cref="Transfer"/> with its defaults produces, at <see cref="Spec.Now"/> unless told otherwise.</summary>
    public static IAccountEvent[] Legs(decimal amount, string description = "Rent", DateTimeOffset? at = null) =>
    [
        new TransferInitiated(Id, "t-1", Other, amount, description, at ?? Now),
        new TransferReceived(Other, "t-1", Id, amount, description, at ?? Now),
    ];
}
