namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// A position the current request's reads must reflect, named by its caller: the position a command answered
/// with, perhaps on another instance behind the same load balancer (the API's <c>Ledger-Position</c> on a read).
/// Set by the web host for the length of one request; <see cref="ReadFenceBehavior{TMessage, TResponse}"/> waits
/// for it as it waits for this instance's own answers. Ambient because the mediator and its behaviours are singletons.
/// </summary>
public static class ReadAfter
{
    /// <summary>The HTTP header that names it on a read, as commands answer with it: what a refusal names as its field.</summary>
    public const string Header = "Ledger-Position";

    private static readonly AsyncLocal<long?> Ambient = new();

    /// <summary>The position this flow's reads must reflect; null when its caller named none.</summary>
    public static long? Current => Ambient.Value;

    /// <summary>Makes <paramref name="position"/> current until the returned scope is disposed.</summary>
    public static IDisposable Use(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var previous = Ambient.Value;
        Ambient.Value = position;
        return new Restore(previous);
    }

    private sealed class Restore(long? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
