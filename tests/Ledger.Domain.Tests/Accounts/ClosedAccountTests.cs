using Ledger.Domain.Accounts;
using static Ledger.Domain.Tests.Accounts.History;
using static Ledger.Domain.Tests.Accounts.Spec;

namespace Ledger.Domain.Tests.Accounts;

/// <summary>Once closed, an account refuses every command that would change it, whatever else is wrong or right.</summary>
public sealed class ClosedAccountTests
{
    public static TheoryData<string> Commands() => new() { "deposit", "withdraw", "close", "transfer from", "transfer to" };

    [Theory]
    [MemberData(nameof(Commands))]
    public void AnyCommand_OnClosedAccount_IsRejectedAsClosed(string command)
    {
        var closed = new IAccountEvent[] { Opened(Id), Closed(Id) };
        var bothAccounts = closed.Append(Opened(Other, initialDeposit: 50m, minute: 1)).ToArray();

        var outcome = command switch
        {
            "deposit" => Given(closed).When((state, now) => DepositMoney.Decide(state, new DepositMoney(Id, 10m, "r-1", null), now)),
            "withdraw" => Given(closed).When((state, now) => WithdrawMoney.Decide(state, new WithdrawMoney(Id, 10m, "r-1", null), now)),
            "close" => Given(closed).When((state, now) => CloseAccount.Decide(state, new CloseAccount(Id, "again", null), "teller", now)),
            "transfer from" => Given(bothAccounts).When(() => new TransferMoney("t-1", Id, Other, 10m, null)),
            "transfer to" => Given(bothAccounts).When(() => new TransferMoney("t-1", Other, Id, 10m, null)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };

        outcome.ThenRejected(ErrorCodes.AccountClosed);
    }

    [Fact]
    public void Reopen_OfClosedAccountId_IsRejectedAsExisting()
    {
        Given(Opened(), Closed())
            .When((state, now) => OpenAccount.Decide(state, new OpenAccount(Id, "h-1", null, "EUR", 0m), now))
            .ThenRejected(ErrorCodes.AccountExists);
    }
}
