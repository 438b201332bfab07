using Microsoft.JSInterop;

namespace Ledger.Web.Components.Shared;

/// <summary>
/// Keyboard shortcuts of one circuit: wwwroot/js/shortcuts.js reports a key, the screen that is
/// showing decides what it means. Keys: N, D, W, T, Left, Right, Home, End.
/// </summary>
public sealed class ShortcutService
{
    public event Func<string, Task>? Pressed;

    [JSInvokable]
    public async Task OnShortcut(string key)
    {
        if (Pressed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<string, Task>>())
            {
                await handler(key);
            }
        }
    }
}
