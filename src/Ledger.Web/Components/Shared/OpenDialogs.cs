using MudBlazor;

namespace Ledger.Web.Components.Shared;

/// <summary>
/// Whether a dialog is open on this circuit. MudDialogProvider closes every dialog on any change of the
/// address, so a screen that writes its state into the address (time travel's ?version) waits while one is
/// open rather than closing a half-typed deposit under the person typing it.
/// </summary>
public sealed class OpenDialogs : IDisposable
{
    private readonly IDialogService dialogs;
    private int open;

    public OpenDialogs(IDialogService dialogs)
    {
        this.dialogs = dialogs;
        dialogs.DialogInstanceAddedAsync += OnAddedAsync;
    }

    public bool Any => Volatile.Read(ref open) > 0;

    private Task OnAddedAsync(IDialogReference dialog)
    {
        Interlocked.Increment(ref open);
        // Result completes however the dialog ends: sent, cancelled, or dismissed by the provider.
        _ = dialog.Result.ContinueWith(_ => Interlocked.Decrement(ref open), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public void Dispose() => dialogs.DialogInstanceAddedAsync -= OnAddedAsync;
}
