using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

public sealed record DepositMoneyCommand(string AccountId, decimal Amount, string TransactionReference, string? Description = null)
    : LedgerCommand, ICommand<CommandResult>
{
    public override void Validate() => ToDomain().Validate();

    public DepositMoney ToDomain() => new(AccountId, Amount, TransactionReference, Description);
}

public sealed class DepositMoneyHandler(CommandExecutor executor) : ICommandHandler<DepositMoneyCommand, CommandResult>
{
    public ValueTask<CommandResult> Handle(DepositMoneyCommand command, CancellationToken cancellationToken) =>
        executor.ExecuteAsync(
            command,
            [command.AccountId],
            (states, now) => DepositMoney.Decide(states[0], command.ToDomain(), now),
            (after, events) => CommandResults.For(after[0], events),
            cancellationToken);
}
