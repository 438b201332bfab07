using Ledger.Domain;
using Ledger.Web.Components.Shared;

namespace Ledger.Web.Tests.Shared;

/// <summary>The rule for a dialog's command id on its own: kept for resends, retired by a refusal.</summary>
public sealed class DialogCommandIdTests
{
    private static readonly DepositMoneyCommand Deposit = new("A", 5m, "R-1", "Rent");

    [Fact]
    public void Stamp_SendsUnderTheDialogsId_AsChosenByTheCaller_FromTheUi()
    {
        var id = new DialogCommandId();

        var sent = Assert.IsType<DepositMoneyCommand>(id.Stamp(Deposit));

        Assert.Equal(id.Current, sent.CommandId);
        Assert.True(sent.IdChosenByCaller);
        Assert.Equal("ui", sent.Actor);
        Assert.Null(sent.ExpectedVersion);
        Assert.Equal(("A", 5m, "R-1", "Rent"), (sent.AccountId, sent.Amount, sent.TransactionReference, sent.Description));
        Assert.False(Deposit.IdChosenByCaller);
    }

    [Fact]
    public void Stamp_WithAVersion_PinsIt()
    {
        var sent = new DialogCommandId().Stamp(new CloseAccountCommand("A", "Done"), expectedVersion: 7);

        Assert.Equal(7, sent.ExpectedVersion);
    }

    [Fact]
    public void EveryAttempt_UntilAFailure_GoesUnderTheSameId()
    {
        var id = new DialogCommandId();

        Assert.Equal(id.Stamp(Deposit).CommandId, id.Stamp(Deposit with { Amount = 6m }).CommandId);
    }

    [Fact]
    public void AnErrorWithoutAnswer_KeepsTheId()
    {
        var id = new DialogCommandId();
        var first = id.Current;

        id.Failed(new TimeoutException("no answer"));
        id.Failed(new InvalidOperationException("database is locked"));

        Assert.Equal(first, id.Current);
    }

    [Fact]
    public void ARuleRefusal_RetiresTheId()
    {
        var id = new DialogCommandId();
        var first = id.Current;

        id.Failed(new DomainException(ErrorCodes.InsufficientFunds, "Insufficient funds"));

        Assert.NotEqual(first, id.Current);
    }

    [Theory]
    [InlineData(CommandErrorCodes.VersionMismatch)]
    [InlineData(CommandErrorCodes.IdempotencyKeyReused)]
    [InlineData(CommandErrorCodes.ConcurrencyConflict)]
    public void AnApplicationRefusal_RetiresTheId(string code)
    {
        var id = new DialogCommandId();
        var first = id.Current;

        id.Failed(new CommandRefusedException(code, "refused"));

        Assert.NotEqual(first, id.Current);
    }
}
