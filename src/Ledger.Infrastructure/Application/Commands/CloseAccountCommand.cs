using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

public sealed record CloseAccountCommand(string AccountId, string Reason, string? ClosedBy = null)
    : LedgerCommand, ICommand<CommandResult>
{
    public override void Validate() => ToDomain().Validate();

    public CloseAccount ToDomain() => new(AccountId, Reason, ClosedBy);
}

public sealed class CloseAccountHandler(CommandExecutor executor) : ICommandHandler<CloseAccountCommand, CommandResult>
{
    public ValueTask<CommandResult> Handle(CloseAccountCommand command, CancellationToken cancellationToken) =>
        executor.ExecuteAsync(
            command,
            [command.AccountId],
            (states, now) => CloseAccount.Decide(states[0], command.ToDomain(), command.Actor, now),
            (after, events) => CommandResults.For(after[0], events),
            cancellationToken);
}
