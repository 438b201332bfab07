namespace Ledger.Domain.Tests.Accounts;

/// <summary>Past events with sensible defaults, so each test states only what matters to it.</summary>
internal static class History
{
    public const string Id = "acc-1";
    public const string Other = "acc-2";

    /// <summary>When the account was opened; every history event is a few minutes later, all before <see cref="Spec.Now"/>.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    public static AccountOpened Opened(string id = Id, decimal initialDeposit = 0m, string currency = "EUR", int minute = 0) =>
        new(id, "holder-" + id, "Holder of " + id, currency, initialDeposit, At(minute));

    public static MoneyDeposited Deposited(decimal amount, string id = Id, int minute = 1) =>
        new(id, amount, "dep-" + minute, "Deposit", At(minute));

    public static MoneyWithdrawn Withdrew(decimal amount, string id = Id, int minute = 2) =>
        new(id, amount, "wd-" + minute, "Withdrawal", At(minute));

    public static AccountClosed Closed(string id = Id, int minute = 3) =>
        new(id, "No longer needed", "teller", At(minute));

    public static TransferInitiated Sent(decimal amount, string to, string id = Id, int minute = 4) =>
        new(id, "tr-" + minute, to, amount, "Transfer", At(minute));

    public static TransferReceived Received(decimal amount, string from, string id = Id, int minute = 4) =>
        new(id, "tr-" + minute, from, amount, "Transfer", At(minute));
}
