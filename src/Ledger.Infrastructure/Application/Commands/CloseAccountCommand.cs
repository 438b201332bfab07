using Ledger.Infrastructure.Application.Writing;

namespace Ledger.Infrastructure.Application.Commands;

public sealed record CloseAccountCommand(string AccountId, string Reason, string? ClosedBy = null)
    : LedgerCommand, ICommand<CommandResult>
{
    /// <summary>The domain's closing; a malformed one is refused here, before anything is loaded.</summary>
    public CloseAccount ToDomain() => new(AccountId, Reason, ClosedBy);
}

public sealed class CloseAccountHandler(CommandWriter writer) : ICommandHandler<CloseAccountCommand, CommandResult>
{
    public ValueTask<CommandResult> Handle(CloseAccountCommand command, CancellationToken cancellationToken)
    {
        var closing = command.ToDomain();
        return writer.WriteAsync(command, closing.AccountId, (account, now) => CloseAccount.Decide(account, closing, command.Actor, now), CommandResults.For, cancellationToken);
    }
}
