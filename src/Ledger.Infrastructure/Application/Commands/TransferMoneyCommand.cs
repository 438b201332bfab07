using System.Text.Json.Serialization;
using Ledger.Infrastructure.Application.Writing;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>Moves money between two accounts in one atomic two-stream append. <see cref="LedgerCommand.ExpectedVersion"/> applies to the source.</summary>
public sealed record TransferMoneyCommand(string? TransferId, string FromAccountId, string ToAccountId, decimal Amount, string? Description = null)
    : LedgerCommand, ICommand<TransferResult>
{
    /// <summary>A transfer id the caller chose moves money once: a second transfer under it is a resend of the first.</summary>
    [JsonIgnore]
    public override string? NaturalKey => string.IsNullOrEmpty(TransferId) ? null : "transfer:" + TransferId;

    [JsonIgnore]
    public override string NaturalKeyDescription => $"Transfer id '{TransferId}'";

    /// <summary>The domain's transfer under <paramref name="transferId"/>; a malformed one is refused here, before anything is loaded.</summary>
    public TransferMoney ToDomain(string transferId) => new(transferId, FromAccountId, ToAccountId, Amount, Description);
}

public sealed class TransferMoneyHandler(CommandWriter writer) : ICommandHandler<TransferMoneyCommand, TransferResult>
{
    public ValueTask<TransferResult> Handle(TransferMoneyCommand command, CancellationToken cancellationToken)
    {
        var transfer = command.ToDomain(string.IsNullOrEmpty(command.TransferId) ? "TRF-" + Guid.CreateVersion7().ToString("N") : command.TransferId);
        return writer.WriteAsync(
            command,
            transfer.FromAccountId,
            transfer.ToAccountId,
            (source, destination, now) =>
            {
                var legs = TransferMoney.Decide(source, destination, transfer, now);
                return [legs.Initiated, legs.Received];
            },
            (source, destination, events) => new TransferResult(transfer.TransferId, CommandResults.For(source, events), CommandResults.For(destination, events)),
            cancellationToken);
    }
}
