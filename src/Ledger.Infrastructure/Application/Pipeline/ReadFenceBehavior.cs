using Ledger.Domain;
using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// A query reads only once the projections reflect every command this instance has answered (see
/// <see cref="ReadFence"/>), and the position its caller named (<see cref="ReadAfter"/>): a read after a
/// command's answer shows it, though the answer did not wait for the read model, and on any instance when the
/// caller passes the answer's position along. Almost always there is nothing to wait for, and that costs one comparison.
/// </summary>
public sealed class ReadFenceBehavior<TMessage, TResponse>(ReadFence fence, IDbContextFactory<LedgerDbContext> contexts) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IQuery<TResponse>
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var named = ReadAfter.Current ?? 0;
        return fence.IsClearFor(named) ? next(message, cancellationToken) : WaitThenAsync(named, message, next, cancellationToken);
    }

    private async ValueTask<TResponse> WaitThenAsync(long named, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (named > fence.Answered)
        {
            await RefuseUnwrittenAsync(named, cancellationToken);
        }

        await fence.WaitAsync(Math.Max(fence.Answered, named), cancellationToken);
        return await next(message, cancellationToken);
    }

    /// <summary>
    /// A position no command has been answered with yet would be waited for until the timeout, and then make every
    /// read stop waiting (the fence would take the projections for stuck): it is refused instead, before any wait.
    /// </summary>
    private async Task RefuseUnwrittenAsync(long named, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var head = await db.HeadPositionAsync(cancellationToken);
        if (named > head)
        {
            throw DomainException.Invalid(
                ReadAfter.Header,
                $"Position {named} has not been written yet: the ledger's last event is at {head}. Send the position a command answered with.");
        }
    }
}
