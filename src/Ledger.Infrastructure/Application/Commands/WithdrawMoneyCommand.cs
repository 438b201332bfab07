using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

public sealed record WithdrawMoneyCommand(string AccountId, decimal Amount, string TransactionReference, string? Description = null)
    : LedgerCommand, ICommand<CommandResult>
{
    public override void Validate() => ToDomain().Validate();

    public WithdrawMoney ToDomain() => new(AccountId, Amount, TransactionReference, Description);
}

public sealed class WithdrawMoneyHandler(CommandExecutor executor) : ICommandHandler<WithdrawMoneyCommand, CommandResult>
{
    public ValueTask<CommandResult> Handle(WithdrawMoneyCommand command, CancellationToken cancellationToken) =>
        executor.ExecuteAsync(
            command,
            [command.AccountId],
            (states, now) => WithdrawMoney.Decide(states[0], command.ToDomain(), now),
            (after, events) => CommandResults.For(after[0], events),
            cancellationToken);
}
