using Ledger.Web.Components.Pages.Accounts;

namespace Ledger.Web.Tests.Components.Inspection;

/// <summary>The account's statement dialog: opening, lines with the running balance, money in and out, closing, and the CSV link.</summary>
public sealed class StatementDialogTests : LedgerUiContext
{
    private static readonly DateTimeOffset Start = new(2024, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Statement_ForAPeriod_ShowsOpeningLinesTotalsAndClosing()
    {
        await AtAsync(Start, () => OpenAsync("S", "EUR", 100m));
        await AtAsync(Start.AddDays(30), () => DepositAsync("S", 40m, "INV-9"));
        await AtAsync(Start.AddDays(31), () => Mediator.Send(new WithdrawMoneyCommand("S", 15m, "CARD-1", "Groceries")).AsTask());
        await AtAsync(Start.AddDays(60), () => DepositAsync("S", 1m, "LATER"));
        var (providers, _) = await ShowOnAsync<StatementDialog>(await AccountAsync("S"));

        await Labels.Input(providers, "From").ChangeAsync(new() { Value = "2024-02-01" });
        await Labels.Input(providers, "To").ChangeAsync(new() { Value = "2024-02-29" });

        providers.WaitForAssertion(() =>
        {
            Assert.Equal("100.00 EUR", Labels.Value(providers, "Opening balance"));
            Assert.Equal("40.00", Labels.Value(providers, "Money in"));
            Assert.Equal("15.00", Labels.Value(providers, "Money out"));
            Assert.Equal("125.00 EUR", Labels.Value(providers, "Closing balance"));
            var lines = providers.FindAll("[aria-label='Statement lines'] tbody tr");
            Assert.Equal(4, lines.Count);
            Assert.Contains("INV-9", lines[1].TextContent);
            Assert.Contains("140.00", lines[1].TextContent);
            Assert.Contains("-15.00", lines[2].TextContent);
            Assert.Contains("125.00", lines[2].TextContent);
            Assert.DoesNotContain("LATER", providers.Markup);
            var csv = providers.FindAll("a").Single(a => a.TextContent.Contains("Download CSV"));
            Assert.Contains("api/accounts/S/statement?from=2024-02-01T00%3A00%3A00.0000000Z", csv.GetAttribute("href"));
            Assert.Contains("format=csv", csv.GetAttribute("href"));
        });
    }

    [Fact]
    public async Task FromAfterTo_SaysSo()
    {
        await OpenAsync("S", "EUR", 1m);
        var (providers, _) = await ShowOnAsync<StatementDialog>(await AccountAsync("S"));

        await Labels.Input(providers, "From").ChangeAsync(new() { Value = "2030-02-01" });
        await Labels.Input(providers, "To").ChangeAsync(new() { Value = "2030-01-01" });

        providers.WaitForAssertion(() => Assert.Contains("The From date is after the To date.", providers.Find("[role=alert]").TextContent));
    }
}
