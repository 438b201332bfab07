namespace Ledger.Infrastructure.Application.Access;

/// <summary>
/// Who is asking, for the length of one request or one UI event: set by the web host (per HTTP request, and per
/// inbound activity of a Blazor circuit) and read by <see cref="AccessGate"/>. Ambient because the mediator and its
/// behaviours are singletons; nothing outside the host sets it, so a command sent from anywhere else with sign-in
/// on has no caller and is refused.
/// </summary>
public sealed record Caller(string Name, string? Role)
{
    private static readonly AsyncLocal<Caller?> Ambient = new();

    /// <summary>The ledger itself (the sample ledger at start): may do anything and keeps the actor its commands name.</summary>
    public static Caller System { get; } = new("system", LedgerRoles.Admin);

    public static Caller? Current => Ambient.Value;

    public bool IsSystem => ReferenceEquals(this, System);

    /// <summary>Makes <paramref name="caller"/> current until the returned scope is disposed.</summary>
    public static IDisposable Use(Caller? caller)
    {
        var previous = Ambient.Value;
        Ambient.Value = caller;
        return new Restore(previous);
    }

    /// <summary>Sets the caller for the rest of the current asynchronous flow (a host's inbound activity).</summary>
    public static void Set(Caller? caller) => Ambient.Value = caller;

    private sealed class Restore(Caller? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
