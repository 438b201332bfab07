using Ledger.Domain;
using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// A query reads only once the projections reflect every command this instance has answered (see
/// <see cref="ReadFence"/>): a read after a command's answer shows it, though the answer did not wait for the read
/// model. A caller may also name a position (<see cref="ReadAfter"/>: the answer of a command it sent, perhaps to
/// another instance); then the read shows that position or is refused, never answered from a read model behind
/// it. Almost always there is nothing to wait for, and that costs a comparison or two.
/// </summary>
public sealed class ReadFenceBehavior<TMessage, TResponse>(ReadFence fence, IDbContextFactory<LedgerDbContext> contexts) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IQuery<TResponse>
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var named = ReadAfter.Current;
        return fence.IsClear && (named is null || fence.HasReached(named.Value))
            ? next(message, cancellationToken)
            : WaitThenAsync(named, message, next, cancellationToken);
    }

    private async ValueTask<TResponse> WaitThenAsync(long? named, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (named is { } unreached && !fence.HasReached(unreached))
        {
            await RefuseUnwrittenAsync(unreached, cancellationToken);
        }

        if (!fence.IsClear)
        {
            await fence.WaitForAnsweredAsync(cancellationToken);
        }

        if (named is { } position && !fence.HasReached(position) && !await fence.WaitForNamedAsync(position, cancellationToken))
        {
            throw new DomainException(
                CommandErrorCodes.ReadModelBehind,
                $"This instance's read model has not reached position {position} yet (its projections are catching up, or stuck: see /api/status). Nothing was answered from it; try again shortly.");
        }

        return await next(message, cancellationToken);
    }

    /// <summary>
    /// A position no command has been answered with yet could only be waited for until the timeout: it is refused
    /// at once instead. One query of the head, and only when the read model is behind the position named.
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
