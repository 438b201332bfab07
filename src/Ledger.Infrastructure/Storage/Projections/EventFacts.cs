namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>What a statement line shows for an event: signed amount, words, reference, the other account.</summary>
public sealed record EventFacts(decimal SignedAmount, string? Description, string? Reference, string? CounterpartyAccountId)
{
    public static EventFacts Of(IAccountEvent @event) => @event switch
    {
        AccountOpened e => new(e.InitialDeposit, "Account opened", null, null),
        MoneyDeposited e => new(e.Amount, e.Description, e.TransactionReference, null),
        MoneyWithdrawn e => new(-e.Amount, e.Description, e.TransactionReference, null),
        TransferInitiated e => new(-e.Amount, e.Description, e.TransferId, e.ToAccountId),
        TransferReceived e => new(e.Amount, e.Description, e.TransferId, e.FromAccountId),
        AccountClosed e => new(0m, e.Reason, null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown account event."),
    };
}
