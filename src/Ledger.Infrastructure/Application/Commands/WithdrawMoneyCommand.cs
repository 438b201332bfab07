using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

public sealed record WithdrawMoneyCommand(string AccountId, decimal Amount, string TransactionReference, string? Description = null)
    : LedgerCommand, ICommand<CommandResult>
{
    /// <summary>The domain's withdrawal; a malformed one is refused here, before anything is loaded.</summary>
    public WithdrawMoney ToDomain() => new(AccountId, Amount, TransactionReference, Description);
}

public sealed class WithdrawMoneyHandler(CommandWriter writer) : ICommandHandler<WithdrawMoneyCommand, CommandResult>
{
    public ValueTask<CommandResult> Handle(WithdrawMoneyCommand command, CancellationToken cancellationToken)
    {
        var withdrawal = command.ToDomain();
        return writer.WriteAsync(command, withdrawal.AccountId, (account, now) => WithdrawMoney.Decide(account, withdrawal, now), CommandResults.For, cancellationToken);
    }
}
