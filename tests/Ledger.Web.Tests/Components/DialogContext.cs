using AngleSharp.Dom;
using Ledger.Web.Components.Pages.Accounts;
using MudBlazor;

namespace Ledger.Web.Tests.Components;

/// <summary>Opens a command dialog over the real ledger and works it as a person would; every send passes <see cref="Faults"/>.</summary>
public abstract class DialogContext : LedgerUiContext
{
    protected DialogContext() => Faults = CommandFaults.AddTo(Services);

    protected CommandFaults Faults { get; }

    /// <summary>Opens account "A" with <paramref name="initial"/> and a deposit or withdrawal dialog on it, amount and reference typed in.</summary>
    protected async Task<(IRenderedComponent<Providers> Providers, IDialogReference Reference)> ShowMoneyAsync(
        bool deposit, decimal initial, string amount, string? reference = "R-1", string currency = "EUR")
    {
        var account = await OpenAsync("A", currency, initial);
        var shown = await ShowAsync<MoneyDialog>(new DialogParameters<MoneyDialog> { { d => d.Account, account }, { d => d.IsDeposit, deposit } });
        Labels.Input(shown.Providers, "Amount").Change(amount);
        if (reference is not null)
        {
            Labels.Input(shown.Providers, "Reference").Change(reference);
        }

        return shown;
    }

    /// <summary>The Open account dialog with an account id and a holder id typed in.</summary>
    protected async Task<(IRenderedComponent<Providers> Providers, IDialogReference Reference)> ShowOpenAccountAsync(string accountId, string holderId)
    {
        var shown = await ShowAsync<OpenAccountDialog>([]);
        Labels.Input(shown.Providers, "Account id").Change(accountId);
        Labels.Input(shown.Providers, "Holder id").Change(holderId);
        return shown;
    }

    protected static IElement Button(IRenderedComponent<Providers> providers, string text) =>
        providers.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == text);

    protected static async Task ClickAsync(IRenderedComponent<Providers> providers, string text) =>
        await Button(providers, text).ClickAsync(new());

    protected static async Task FillAutocompleteAsync(IRenderedComponent<Providers> providers, string label, string value)
    {
        var input = Labels.Input(providers, label);
        await input.InputAsync(new() { Value = value });
        await Labels.Input(providers, label).BlurAsync(new());
    }

    /// <summary>The dialog's result once it closed; fails (instead of hanging) when it stays open.</summary>
    protected static async Task<DialogResult> ResultAsync(IRenderedComponent<Providers> providers, IDialogReference reference)
    {
        try
        {
            return (await reference.Result.WaitAsync(TimeSpan.FromSeconds(15)))!;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The dialog stayed open, showing: {Alert(providers)}");
        }
    }

    protected static string Alert(IRenderedComponent<Providers> providers) =>
        string.Join(" | ", providers.FindAll("[role=alert]").Select(e => e.TextContent));

    /// <summary>The line above the form about the account the dialog acts on.</summary>
    protected static string Summary(IRenderedComponent<Providers> providers) => providers.Find(".ledger-dialog-summary").TextContent;

    /// <summary>Waits for something that happens off the renderer (a send reaching the ledger).</summary>
    protected static Task UntilAsync(Func<bool> condition, string what) => Poll.UntilAsync(condition, what, TimeSpan.FromSeconds(15));
}
