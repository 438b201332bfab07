using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>Moves money between two accounts in one atomic two-stream append. <see cref="LedgerCommand.ExpectedVersion"/> applies to the source.</summary>
public sealed record TransferMoneyCommand(string? TransferId, string FromAccountId, string ToAccountId, decimal Amount, string? Description = null)
    : LedgerCommand, ICommand<TransferResult>
{
    public override void Validate() => ToDomain(TransferId ?? "generated").Validate();

    public TransferMoney ToDomain(string transferId) => new(transferId, FromAccountId, ToAccountId, Amount, Description);
}

public sealed class TransferMoneyHandler(CommandExecutor executor) : ICommandHandler<TransferMoneyCommand, TransferResult>
{
    public ValueTask<TransferResult> Handle(TransferMoneyCommand command, CancellationToken cancellationToken)
    {
        var transferId = string.IsNullOrEmpty(command.TransferId) ? "TRF-" + Guid.CreateVersion7().ToString("N") : command.TransferId;
        var domain = command.ToDomain(transferId);
        return executor.ExecuteAsync(
            command,
            [command.FromAccountId, command.ToAccountId],
            (states, now) =>
            {
                var legs = TransferMoney.Decide(states[0], states[1], domain, now);
                return [legs.Initiated, legs.Received];
            },
            (after, events) => new TransferResult(transferId, CommandResults.For(after[0], events), CommandResults.For(after[1], events)),
            cancellationToken);
    }
}
