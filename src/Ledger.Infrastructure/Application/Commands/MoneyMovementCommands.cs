using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

public sealed record DepositMoneyCommand(string AccountId, decimal Amount, string TransactionReference, string? Description = null)
    : LedgerCommand, ICommand<CommandResult>
{
    /// <summary>The domain's deposit; a malformed one is refused here, before anything is loaded.</summary>
    public DepositMoney ToDomain() => new(AccountId, Amount, TransactionReference, Description);
}

public sealed class DepositMoneyHandler(CommandWriter writer) : ICommandHandler<DepositMoneyCommand, CommandResult>
{
    public ValueTask<CommandResult> Handle(DepositMoneyCommand command, CancellationToken cancellationToken)
    {
        var deposit = command.ToDomain();
        return writer.WriteAsync(command, deposit.AccountId, (account, now) => DepositMoney.Decide(account, deposit, now), CommandResults.For, cancellationToken);
    }
}
