namespace Ledger.Infrastructure.Application.Commands;

internal static class CommandResults
{
    public static CommandResult For(Account after, IReadOnlyList<NewEvent> events) => new(
        after.AccountId,
        after.Version,
        after.Balance,
        after.Status,
        events.Where(e => e.Data.AccountId == after.AccountId).Select(e => e.EventId).ToArray());
}
