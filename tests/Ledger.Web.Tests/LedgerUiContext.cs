using Ledger.Infrastructure;
using Ledger.Infrastructure.Storage;
using Ledger.Web.Components;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Ledger.Web.Tests;

/// <summary>
/// bUnit with MudBlazor, loose JS interop and the real Ledger (handlers, projections, notifier) over a
/// fresh temporary SQLite file. Components under test read and write exactly as in the app.
/// </summary>
public abstract class LedgerUiContext : BunitContext, IAsyncLifetime
{
    protected LedgerUiContext()
    {
        Database = TestDatabase.NewSqlite("ledger-ui-test");
        JSInterop.Mode = JSRuntimeMode.Loose;

        // Waits end as soon as their condition holds; the long ceiling only matters on a busy CI machine,
        // where real SQLite writes and projections can take more than bUnit's default second.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        TestLedger.AddLedger(Services, Database);
        Services.AddLedgerUi();
    }

    protected TestDatabase Database { get; }

    protected IMediator Mediator => Services.GetRequiredService<IMediator>();

    protected IDialogService Dialogs => Services.GetRequiredService<IDialogService>();

    public async Task InitializeAsync() => await LedgerDatabase.InitializeAsync(Services);

    /// <summary>Popover, dialog and snackbar providers, as MainLayout has them.</summary>
    protected IRenderedComponent<Providers> RenderProviders() => Render<Providers>();

    /// <summary>A dialog that acts on <paramref name="account"/> as the page last saw it (Transfer, Close account, Statement).</summary>
    protected Task<(IRenderedComponent<Providers> Providers, IDialogReference Reference)> ShowOnAsync<TDialog>(AccountView account)
        where TDialog : Microsoft.AspNetCore.Components.IComponent =>
        ShowAsync<TDialog>(new DialogParameters { { "Account", account } });

    /// <summary>Shows a dialog over fresh <see cref="RenderProviders"/> and waits until it is open.</summary>
    protected async Task<(IRenderedComponent<Providers> Providers, IDialogReference Reference)> ShowAsync<TDialog>(DialogParameters parameters)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var providers = RenderProviders();
        IDialogReference? reference = null;
        await providers.InvokeAsync(async () => reference = await Dialogs.ShowAsync<TDialog>("Test", parameters));
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll(".mud-dialog")));
        return (providers, reference!);
    }

    protected Task<AccountView> OpenAsync(string id, string currency = "EUR", decimal initial = 0m, string holder = "Test Holder") =>
        Mediator.Send(new OpenAccountCommand(id, "H-" + id, holder, currency, initial)).AsTask();

    protected Task<CommandResult> DepositAsync(string id, decimal amount, string reference = "R") =>
        Mediator.Send(new DepositMoneyCommand(id, amount, reference)).AsTask();

    /// <summary>The account as the read model has it now; fails when there is none.</summary>
    protected async Task<AccountView> AccountAsync(string id) =>
        await Mediator.Send(new GetAccountQuery(id)) ?? throw new InvalidOperationException($"There is no account '{id}'.");

    /// <summary>Writes with a past timestamp through the normal commands.</summary>
    protected async Task<T> AtAsync<T>(DateTimeOffset at, Func<Task<T>> send)
    {
        using (LedgerClock.BackdateTo(at))
        {
            return await send();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
