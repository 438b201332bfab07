using Ledger.Domain.Accounts;
using Ledger.Web.Components.Pages.Accounts;

namespace Ledger.Web.Tests.Components;

public sealed class DialogTests : DialogContext
{
    [Fact]
    public async Task OpenAccount_WithoutHolderId_ShowsInlineError_AndOpensNothing()
    {
        var (providers, _) = await ShowAsync<OpenAccountDialog>([]);

        await ClickAsync(providers, "Open account");

        providers.WaitForAssertion(() => Assert.Contains("The holder id is required.", providers.Markup));
        Assert.Equal(0, (await Mediator.Send(new ListAccountsQuery())).Total);
    }

    [Fact]
    public async Task OpenAccount_WithMalformedId_ShowsInlineError()
    {
        var (providers, _) = await ShowOpenAccountAsync("no spaces allowed", "H-1");

        await ClickAsync(providers, "Open account");

        providers.WaitForAssertion(() => Assert.Contains("1 to 64 letters, digits", providers.Markup));
        Assert.Equal(0, (await Mediator.Send(new ListAccountsQuery())).Total);
    }

    [Fact]
    public async Task OpenAccount_ExistingId_ShowsTheDomainsMessage()
    {
        await OpenAsync("TAKEN");
        var (providers, _) = await ShowOpenAccountAsync("TAKEN", "H-2");

        await ClickAsync(providers, "Open account");

        providers.WaitForAssertion(() => Assert.Contains("Account 'TAKEN' already exists.", Alert(providers)));
    }

    [Fact]
    public async Task OpenAccount_Valid_OpensTheAccount_AndClosesWithIt()
    {
        var (providers, reference) = await ShowOpenAccountAsync("NEW-1", "H-9");
        Labels.Input(providers, "Holder name").Change("Nina");
        Labels.Input(providers, "Initial deposit").Change("25.50");

        await ClickAsync(providers, "Open account");

        var result = await ResultAsync(providers, reference);
        var opened = Assert.IsType<AccountView>(result!.Data);
        Assert.Equal("NEW-1", opened.AccountId);
        Assert.Equal(25.50m, (await AccountAsync("NEW-1")).Balance);
    }

    [Fact]
    public async Task Deposit_WithTooManyDecimals_ShowsInlineError_AndChangesNothing()
    {
        var (providers, _) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: "1.234");

        await ClickAsync(providers, "Deposit");

        providers.WaitForAssertion(() => Assert.Contains("EUR allows 2 decimal places.", providers.Markup));
        Assert.Equal(1, (await AccountAsync("A")).Version);
    }

    [Fact]
    public async Task Deposit_WithoutReference_ShowsInlineError()
    {
        var (providers, _) = await ShowMoneyAsync(deposit: true, initial: 10m, amount: "100", reference: null, currency: "JPY");

        await ClickAsync(providers, "Deposit");

        providers.WaitForAssertion(() => Assert.Contains("The transaction reference is required.", providers.Markup));
        Assert.Equal(1, (await AccountAsync("A")).Version);
    }

    [Fact]
    public async Task Withdraw_AfterSomeoneElseChangedTheAccount_AppliesOnTop_AndSaysSo()
    {
        var (providers, reference) = await ShowMoneyAsync(deposit: false, initial: 100m, amount: "30");
        await DepositAsync("A", 5m);

        await ClickAsync(providers, "Withdraw");

        var outcome = Assert.IsType<ActionOutcome>((await ResultAsync(providers, reference)).Data);
        Assert.True(outcome.VersionMoved);
        Assert.Contains("Applied on top of 1 newer change", outcome.Message);
        Assert.Equal(75m, (await AccountAsync("A")).Balance);
    }

    [Fact]
    public async Task Transfer_WhenTheSourceMoved_ShowsConflictWithCurrentState_ThenRetrySucceeds()
    {
        var seen = await OpenAsync("FROM", "EUR", 100m);
        await OpenAsync("TO", "EUR", 0m);
        var (providers, reference) = await ShowOnAsync<TransferDialog>(seen);
        await DepositAsync("FROM", 20m);
        await FillAutocompleteAsync(providers, "To account", "TO");
        Labels.Input(providers, "Amount").Change("40");

        await ClickAsync(providers, "Transfer");

        providers.WaitForAssertion(() =>
        {
            var alert = Alert(providers);
            Assert.Contains("changed while the dialog was open", alert);
            Assert.Contains("now at version 2", alert);
            Assert.Contains("120.00 EUR", alert);
        });
        Assert.Equal(0m, (await AccountAsync("TO")).Balance);

        await ClickAsync(providers, "Retry transfer");

        Assert.False((await ResultAsync(providers, reference)).Canceled);
        Assert.Equal(40m, (await AccountAsync("TO")).Balance);
        Assert.Equal(80m, (await AccountAsync("FROM")).Balance);
        // The retry is a new request (against version 2), so it goes under a new command id.
        Assert.Equal([1L, 2L], Faults.Sent.Select(c => c.ExpectedVersion!.Value));
        Assert.NotEqual(Faults.Sent[0].CommandId, Faults.Sent[1].CommandId);
    }

    [Fact]
    public async Task Transfer_BetweenCurrencies_ShowsTheDomainsMessage()
    {
        var seen = await OpenAsync("EUR-A", "EUR", 100m);
        await OpenAsync("JPY-A", "JPY", 0m);
        var (providers, _) = await ShowOnAsync<TransferDialog>(seen);
        await FillAutocompleteAsync(providers, "To account", "JPY-A");
        Labels.Input(providers, "Amount").Change("10");

        await ClickAsync(providers, "Transfer");

        providers.WaitForAssertion(() => Assert.Contains("a transfer needs one currency", Alert(providers)));
        Assert.Equal(100m, (await AccountAsync("EUR-A")).Balance);
    }

    [Fact]
    public async Task Transfer_ToItself_IsCaughtInline()
    {
        var seen = await OpenAsync("SELF", "EUR", 100m);
        var (providers, _) = await ShowOnAsync<TransferDialog>(seen);
        await FillAutocompleteAsync(providers, "To account", "SELF");
        Labels.Input(providers, "Amount").Change("10");

        await ClickAsync(providers, "Transfer");

        providers.WaitForAssertion(() => Assert.Contains("Pick another account than the source.", providers.Markup));
    }

    [Fact]
    public async Task Close_WithoutReason_ShowsInlineError()
    {
        var seen = await OpenAsync("A", "EUR", 0m);
        var (providers, _) = await ShowOnAsync<CloseAccountDialog>(seen);

        await ClickAsync(providers, "Close account");

        providers.WaitForAssertion(() => Assert.Contains("The reason is required.", providers.Markup));
        Assert.Equal(AccountStatus.Active, (await AccountAsync("A")).Status);
    }

    [Fact]
    public async Task Close_WithMoneyLeft_ShowsTheDomainsMessage()
    {
        var seen = await OpenAsync("A", "EUR", 12.5m);
        var (providers, _) = await ShowOnAsync<CloseAccountDialog>(seen);
        Labels.Input(providers, "Reason").Change("Customer left");

        await ClickAsync(providers, "Close account");

        providers.WaitForAssertion(() => Assert.Contains("still holds 12.50 EUR", Alert(providers)));
        Assert.Equal(AccountStatus.Active, (await AccountAsync("A")).Status);
    }

    [Fact]
    public async Task Close_WhenTheAccountMoved_ShowsConflict_AndDoesNotClose()
    {
        var seen = await OpenAsync("A", "EUR", 10m);
        await Mediator.Send(new WithdrawMoneyCommand("A", 10m, "R-empty"));
        var (providers, _) = await ShowOnAsync<CloseAccountDialog>(seen);
        Labels.Input(providers, "Reason").Change("Done");

        await ClickAsync(providers, "Close account");

        providers.WaitForAssertion(() => Assert.Contains("now at version 2 (you saw 1)", Alert(providers)));
        Assert.Equal(AccountStatus.Active, (await AccountAsync("A")).Status);
    }
}
