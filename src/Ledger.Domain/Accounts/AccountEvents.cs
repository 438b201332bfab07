namespace Ledger.Domain.Accounts;

/// <summary>Everything that can happen to a bank account. Stored names live in the event type registry.</summary>
public interface IAccountEvent
{
    string AccountId { get; }

    DateTimeOffset OccurredAt { get; }
}

public sealed record AccountOpened(
    string AccountId,
    string HolderId,
    string HolderName,
    string Currency,
    decimal InitialDeposit,
    DateTimeOffset OccurredAt) : IAccountEvent;

public sealed record MoneyDeposited(
    string AccountId,
    decimal Amount,
    string TransactionReference,
    string Description,
    DateTimeOffset OccurredAt) : IAccountEvent;

public sealed record MoneyWithdrawn(
    string AccountId,
    decimal Amount,
    string TransactionReference,
    string Description,
    DateTimeOffset OccurredAt) : IAccountEvent;

public sealed record AccountClosed(
    string AccountId,
    string Reason,
    string ClosedBy,
    DateTimeOffset OccurredAt) : IAccountEvent;

/// <summary>The source leg of a transfer: money leaves <see cref="AccountId"/>.</summary>
public sealed record TransferInitiated(
    string AccountId,
    string TransferId,
    string ToAccountId,
    decimal Amount,
    string Description,
    DateTimeOffset OccurredAt) : IAccountEvent;

/// <summary>The destination leg of a transfer: money arrives in <see cref="AccountId"/>.</summary>
public sealed record TransferReceived(
    string AccountId,
    string TransferId,
    string FromAccountId,
    decimal Amount,
    string Description,
    DateTimeOffset OccurredAt) : IAccountEvent;
