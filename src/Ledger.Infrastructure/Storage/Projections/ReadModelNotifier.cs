namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>A projection committed: which accounts it touched (empty after a rebuild: all of them) and up to where.</summary>
public sealed record ReadModelChange(string Projection, IReadOnlyCollection<string> AccountIds, long Position);

/// <summary>
/// Tells open screens that the read model moved. Components subscribe in OnInitialized, call
/// InvokeAsync(StateHasChanged) and unsubscribe in Dispose; handlers must be quick and must not throw.
/// </summary>
public sealed class ReadModelNotifier
{
    public event Action<ReadModelChange>? Changed;

    public void Publish(ReadModelChange change)
    {
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<ReadModelChange>)handler)(change);
            }
            catch (Exception)
            {
                // A broken screen must not break the projection that is telling it about a commit.
            }
        }
    }
}
