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
        var (providers, reference) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: "5");

        await DoubleClickWhileTheFirstIsOnItsWayAsync(providers, "Deposit");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Single(Faults.Sent);
        await AssertDepositedOnceAsync();
    }

    [Fact]
    public async Task Submit_PressedAgainWhileTheFirstIsOnItsWay_IsIgnored()
    {
        // Enter pressed twice, or a second click that reaches the server before the button shows as
        // disabled, lands in the dialog's submit directly: the dialog itself must refuse to send twice.
        var (providers, reference) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: "5");
        var dialog = providers.FindComponent<CommandDialog<CommandResult>>();
        var release = Faults.HoldNext();

        var first = providers.InvokeAsync(() => dialog.Instance.SubmitAsync());
        await UntilAsync(() => Faults.Sent.Count == 1, "the first send");
        await providers.InvokeAsync(() => dialog.Instance.SubmitAsync());
        release.SetResult();
        await first;

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Single(Faults.Sent);
        await AssertDepositedOnceAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deposit_ResentAfterNoAnswer_ActsOnce_UnderTheSameCommandId(bool ledgerActedBeforeTheAnswerWasLost)
    {
        var (providers, reference) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: "5");
        if (ledgerActedBeforeTheAnswerWasLost)
        {
            Faults.LoseNextAnswer();
        }
        else
        {
            Faults.FailNextBeforeSending();
        }

        var versionInBetween = await SendResendAsync(providers, reference);

        // If the ledger had acted, the resend is answered with that first answer, replayed.
        var answers = Faults.Answers.Cast<CommandResult>().ToList();
        Assert.Equal(ledgerActedBeforeTheAnswerWasLost ? 2 : 1, versionInBetween);
        Assert.Equal(ledgerActedBeforeTheAnswerWasLost ? [false, true] : [false], answers.Select(a => a.Replayed));
        Assert.Single(answers.SelectMany(a => a.EventIds).Distinct());
        await AssertDepositedOnceAsync();
    }

    [Fact]
    public async Task Deposit_ChangedAfterItsAnswerWasLost_IsNotAppliedTwice_UntilSentAgainOnPurpose()
    {
        var (providers, reference) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: "5");
        Faults.LoseNextAnswer();
        await ClickAsync(providers, "Deposit");
        providers.WaitForAssertion(() => Assert.Contains("No answer from the ledger", Alert(providers)));

        Labels.Input(providers, "Amount").Change("6");
        await ClickAsync(providers, "Deposit");

        providers.WaitForAssertion(() => Assert.Contains("reached the ledger before its answer was lost", Alert(providers)));
        Assert.Equal(15m, (await AccountAsync("A")).Balance);

        await ClickAsync(providers, "Deposit");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal(21m, (await AccountAsync("A")).Balance);
        Assert.Equal(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        Assert.NotEqual(Faults.Sent[1].CommandId, Faults.Sent[2].CommandId);
    }

    [Fact]
    public async Task Withdraw_MoreThanTheBalance_IsRefusedAndChangesNothing_ThenACorrectedAmountGoesThroughUnderANewCommandId()
    {
        var (providers, reference) = await ShowMoneyAsync(deposit: false, initial: 70.50m, amount: "100");
        await ClickAsync(providers, "Withdraw");
        providers.WaitForAssertion(() => Assert.Contains("Insufficient funds: 100.00 EUR requested, but the balance of 'A' is 70.50 EUR.", Alert(providers)));
        var between = await AccountAsync("A");
        Assert.Equal((70.50m, 1L), (between.Balance, between.Version));

        Labels.Input(providers, "Amount").Change("50");
        await ClickAsync(providers, "Withdraw");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.NotEqual(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        Assert.All(Faults.Sent, c => Assert.Equal("ui", c.Actor));
        Assert.IsType<CommandResult>(Faults.Answers[1]);
        Assert.Equal(20.50m, (await AccountAsync("A")).Balance);
    }

    [Fact]
    public async Task ARefusal_ShowsTheAccountAsItIsNow_NotAsItWasWhenTheDialogOpened()
    {
        var (providers, reference) = await ShowMoneyAsync(deposit: false, initial: 70.50m, amount: "100");
        Assert.Contains("balance 70.50 EUR · version 1", Summary(providers));
        await DepositAsync("A", 10m, "R-other-tab");

        await ClickAsync(providers, "Withdraw");

        providers.WaitForAssertion(() => Assert.Contains("the balance of 'A' is 80.50 EUR", Alert(providers)));
        providers.WaitForAssertion(() => Assert.Contains("balance 80.50 EUR · version 2", Summary(providers)));

        // What the summary showed counts as seen: no "newer change you had not seen" once it is sent.
        Labels.Input(providers, "Amount").Change("50");
        await ClickAsync(providers, "Withdraw");
        var outcome = Assert.IsType<ActionOutcome>((await ResultAsync(providers, reference)).Data);
        Assert.Equal("Withdrew 50.00 EUR; balance now 30.50 EUR.", outcome.Message);
    }

    /// <summary>A lenient number parse read these as 100,000, 15 and 123.40, and the dialog sent them.</summary>
    [Theory]
    [InlineData("1e5")]
    [InlineData("1,5")]
    [InlineData("1,2,3.4")]
    public async Task Deposit_OfTextThatIsNoAmount_IsNamedInTheForm_AndSendsNothing(string amount)
    {
        using var english = new Shared.InCulture("en-US");
        var (providers, _) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: amount);

        await ClickAsync(providers, "Deposit");

        providers.WaitForAssertion(() => Assert.Contains("Not an amount: write it like 1,234.56 or 1234.56.", providers.Markup, StringComparison.Ordinal));
        Assert.Empty(Faults.Sent);
        var account = await AccountAsync("A");
        Assert.Equal((10m, 1L), (account.Balance, account.Version));
    }

    [Fact]
    public async Task Deposit_WrittenTheGermanWay_IsReadTheGermanWay()
    {
        using var german = new Shared.InCulture("de-DE");
        var (providers, reference) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: "1.234,5");

        await ClickAsync(providers, "Deposit");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal(1244.5m, (await AccountAsync("A")).Balance);
    }

    [Fact]
    public async Task OpenAccount_DoubleClick_OpensOneAccount()
    {
        var (providers, reference) = await ShowOpenAccountAsync("ONCE", "H-1");

        await DoubleClickWhileTheFirstIsOnItsWayAsync(providers, "Open account");

        Assert.Equal("ONCE", Assert.IsType<AccountView>((await ResultAsync(providers, reference)).Data).AccountId);
        Assert.Single(Faults.Sent);
    }

    /// <summary>The first click's send is held on its way until the second click was made.</summary>
    private async Task DoubleClickWhileTheFirstIsOnItsWayAsync(IRenderedComponent<Providers> providers, string button)
    {
        var release = Faults.HoldNext();
        var first = Button(providers, button).ClickAsync(new());
        await UntilAsync(() => Faults.Sent.Count == 1, "the first click's send");
        var second = Button(providers, button).ClickAsync(new());
        release.SetResult();
        await Task.WhenAll(first, second);
    }

    /// <summary>Sends, sees that no answer came, sends again: returns the account's version in between.</summary>
    private async Task<long> SendResendAsync(IRenderedComponent<Providers> providers, IDialogReference reference)
    {
        await ClickAsync(providers, "Deposit");
        providers.WaitForAssertion(() => Assert.Contains("No answer from the ledger; it may or may not have been applied.", Alert(providers)));
        var between = (await AccountAsync("A")).Version;

        await ClickAsync(providers, "Deposit");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal(2, Faults.Sent.Count);
        Assert.Equal(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
        return between;
    }

    private async Task AssertDepositedOnceAsync()
    {
        var after = await AccountAsync("A");
        Assert.Equal((2L, 15m), (after.Version, after.Balance));
    }
}
