using Ledger.Infrastructure.Application.Writing;

namespace Ledger.Infrastructure.Application.Commands;

public sealed record DepositMoneyCommand(string AccountId, decimal Amount, string TransactionReference, string? Description = null)
    : LedgerCommand, ICommand<CommandResult>
{
    /// <summary>The domain's deposit; a malformed one is refused here, before anything is loaded.</summary>
    public DepositMoney ToDomain() => new(AccountId, Amount, TransactionReference, Description);
}

public sealed record WithdrawMoneyCommand(string AccountId, decimal Amount, string TransactionReference, string? Description = null)
    : LedgerCommand, ICommand<CommandResult>
{
    /// <summary>The domain's withdrawal; a malformed one is refused here, before anything is loaded.</summary>
    public WithdrawMoney ToDomain() => new(AccountId, Amount, TransactionReference, Description);
}

/// <summary>
/// Deposits and withdrawals touch one account each and differ only in their decision, so one handler
/// writes both through the one write path.
/// </summary>
public sealed class MoneyMovementHandler(CommandWriter writer)
    : ICommandHandler<DepositMoneyCommand, CommandResult>, ICommandHandler<WithdrawMoneyCommand, CommandResult>
{
    public ValueTask<CommandResult> Handle(DepositMoneyCommand command, CancellationToken cancellationToken) =>
        Write(command, command.ToDomain(), DepositMoney.Decide, cancellationToken);

    public ValueTask<CommandResult> Handle(WithdrawMoneyCommand command, CancellationToken cancellationToken) =>
        Write(command, command.ToDomain(), WithdrawMoney.Decide, cancellationToken);

    private ValueTask<CommandResult> Write<TMovement>(
        LedgerCommand command, TMovement movement, Func<Account?, TMovement, DateTimeOffset, IReadOnlyList<IAccountEvent>> decide, CancellationToken cancellationToken)
        where TMovement : MoneyMovement =>
        writer.WriteAsync(command, movement.AccountId, (account, now) => decide(account, movement, now), CommandResults.For, cancellationToken);
}
