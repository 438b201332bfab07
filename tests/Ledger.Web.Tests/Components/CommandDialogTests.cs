using Ledger.Infrastructure.Application.Commands;
using Ledger.Infrastructure.Application.Queries;
using Ledger.Web.Components.Pages.Accounts;
using Ledger.Web.Components.Shared;
using MudBlazor;

namespace Ledger.Web.Tests.Components;

/// <summary>
/// What every command dialog shares (CommandDialog): however often it is pressed, and whatever goes
/// wrong on the way, one request acts at most once; a refusal or a conflict lets the next attempt go.
/// </summary>
public sealed class CommandDialogTests : DialogContext
{
    [Fact]
    public async Task Deposit_DoubleClick_SendsOnce_AndWritesExactlyOneEvent()
    {
        var (providers, reference) = await ShowFilledDepositAsync("5");
        var release = Faults.HoldNext();

        var first = Button(providers, "Deposit").ClickAsync(new());
        await UntilAsync(() => Faults.Sent.Count == 1, "the first click's send");
        var second = Button(providers, "Deposit").ClickAsync(new());
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Single(Faults.Sent);
        var after = await Mediator.Send(new GetAccountQuery("A"));
        Assert.Equal(2, after!.Version);
        Assert.Equal(15m, after.Balance);
    }

    [Fact]
    public async Task Submit_PressedAgainWhileTheFirstIsOnItsWay_IsIgnored()
    {
        // Enter pressed twice, or a second click that reaches the server before the button shows as
        // disabled, lands in the dialog's submit directly: the dialog itself must refuse to send twice.
        var (providers, reference) = await ShowFilledDepositAsync("5");
        var dialog = providers.FindComponent<CommandDialog<CommandResult>>();
        var release = Faults.HoldNext();

        var first = providers.InvokeAsync(() => dialog.Instance.SubmitAsync());
        await UntilAsync(() => Faults.Sent.Count == 1, "the first send");
        await providers.InvokeAsync(() => dialog.Instance.SubmitAsync());
        release.SetResult();
        await first;

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Single(Faults.Sent);
        Assert.Equal(2, (await Mediator.Send(new GetAccountQuery("A")))!.Version);
    }

    [Fact]
    public async Task Deposit_ResentAfterItsAnswerWasLost_ActsOnce_AndGetsTheFirstAnswerReplayed()
    {
        var (providers, reference) = await ShowFilledDepositAsync("5");
        Faults.LoseNextAnswer();

        await ClickAsync(providers, "Deposit");

        providers.WaitForAssertion(() => Assert.Contains("No answer from the ledger", Alert(providers)));
        Assert.Equal(2, (await Mediator.Send(new GetAccountQuery("A")))!.Version);

        await ClickAsync(providers, "Deposit");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal(2, Faults.Sent.Count);
        Assert.Equal(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        var firstAnswer = Assert.IsType<CommandResult>(Faults.Answers[0]);
        var replayed = Assert.IsType<CommandResult>(Faults.Answers[1]);
        Assert.True(replayed.Replayed);
        Assert.Equal(firstAnswer.EventIds, replayed.EventIds);
        var after = await Mediator.Send(new GetAccountQuery("A"));
        Assert.Equal(2, after!.Version);
        Assert.Equal(15m, after.Balance);
    }

    [Fact]
    public async Task Deposit_ResentAfterItFailedOnTheWay_ActsOnce_UnderTheSameCommandId()
    {
        var (providers, reference) = await ShowFilledDepositAsync("5");
        Faults.FailNextBeforeSending();

        await ClickAsync(providers, "Deposit");

        providers.WaitForAssertion(() => Assert.Contains("it may or may not have been applied", Alert(providers)));
        Assert.Equal(1, (await Mediator.Send(new GetAccountQuery("A")))!.Version);

        await ClickAsync(providers, "Deposit");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        Assert.False(Assert.IsType<CommandResult>(Assert.Single(Faults.Answers)).Replayed);
        Assert.Equal(15m, (await Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task Deposit_ChangedAfterItsAnswerWasLost_IsNotAppliedTwice_UntilSentAgainOnPurpose()
    {
        var (providers, reference) = await ShowFilledDepositAsync("5");
        Faults.LoseNextAnswer();
        await ClickAsync(providers, "Deposit");
        providers.WaitForAssertion(() => Assert.Contains("No answer from the ledger", Alert(providers)));

        Labels.Input(providers, "Amount").Change("6");
        await ClickAsync(providers, "Deposit");

        providers.WaitForAssertion(() => Assert.Contains("reached the ledger before its answer was lost", Alert(providers)));
        Assert.Equal(15m, (await Mediator.Send(new GetAccountQuery("A")))!.Balance);

        await ClickAsync(providers, "Deposit");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal(21m, (await Mediator.Send(new GetAccountQuery("A")))!.Balance);
        Assert.Equal(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        Assert.NotEqual(Faults.Sent[1].CommandId, Faults.Sent[2].CommandId);
    }

    [Fact]
    public async Task Withdraw_RefusedThenCorrected_SucceedsUnderANewCommandId()
    {
        var account = await OpenWithAsync("A", "EUR", 70.50m);
        var (providers, reference) = await ShowAsync<MoneyDialog>(Money(account, deposit: false));
        Labels.Input(providers, "Amount").Change("100");
        Labels.Input(providers, "Reference").Change("R-1");
        await ClickAsync(providers, "Withdraw");
        providers.WaitForAssertion(() => Assert.Contains("Insufficient funds", Alert(providers)));

        Labels.Input(providers, "Amount").Change("50");
        await ClickAsync(providers, "Withdraw");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.NotEqual(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        Assert.All(Faults.Sent, c => Assert.Equal("ui", c.Actor));
        Assert.IsType<CommandResult>(Faults.Answers[1]);
        Assert.Equal(20.50m, (await Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task Close_VersionConflictThenRetry_ClosesAgainstTheNewVersion_UnderANewCommandId()
    {
        var seen = await OpenWithAsync("A", "EUR", 10m);
        await Mediator.Send(new WithdrawMoneyCommand("A", 10m, "R-empty"));
        var (providers, reference) = await ShowAsync<CloseAccountDialog>(new DialogParameters<CloseAccountDialog> { { d => d.Account, seen } });
        Labels.Input(providers, "Reason").Change("Done");
        await ClickAsync(providers, "Close account");
        providers.WaitForAssertion(() => Assert.Contains("now at version 2 (you saw 1)", Alert(providers)));

        await ClickAsync(providers, "Retry close");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal([1L, 2L], Faults.Sent.Select(c => c.ExpectedVersion!.Value));
        Assert.NotEqual(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        Assert.Equal(Ledger.Domain.Accounts.AccountStatus.Closed, (await Mediator.Send(new GetAccountQuery("A")))!.Status);
    }

    [Fact]
    public async Task OpenAccount_DoubleClick_OpensOneAccount()
    {
        var (providers, reference) = await ShowAsync<OpenAccountDialog>([]);
        Labels.Input(providers, "Account id").Change("ONCE");
        Labels.Input(providers, "Holder id").Change("H-1");
        var release = Faults.HoldNext();

        var first = Button(providers, "Open account").ClickAsync(new());
        await UntilAsync(() => Faults.Sent.Count == 1, "the first click's send");
        var second = Button(providers, "Open account").ClickAsync(new());
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal("ONCE", Assert.IsType<AccountView>((await ResultAsync(providers, reference)).Data).AccountId);
        Assert.Single(Faults.Sent);
    }

    private async Task<(IRenderedComponent<Providers> Providers, IDialogReference Reference)> ShowFilledDepositAsync(string amount)
    {
        var account = await OpenWithAsync("A", "EUR", 10m);
        var shown = await ShowAsync<MoneyDialog>(Money(account, deposit: true));
        Labels.Input(shown.Providers, "Amount").Change(amount);
        Labels.Input(shown.Providers, "Reference").Change("R-1");
        return shown;
    }
}
