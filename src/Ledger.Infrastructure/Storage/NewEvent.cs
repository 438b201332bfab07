namespace Ledger.Infrastructure.Storage;

/// <summary>An event about to be appended. Its id is chosen up front so a command's result can name it.</summary>
public sealed record NewEvent(Guid EventId, IAccountEvent Data)
{
    public static NewEvent From(IAccountEvent data) => new(Guid.CreateVersion7(), data);
}
