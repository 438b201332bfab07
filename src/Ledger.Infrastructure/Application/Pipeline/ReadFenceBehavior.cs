using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// A query reads only once the projections reflect every command this instance has answered (see
/// <see cref="ReadFence"/>): a read after a command's answer shows it, though the answer did not wait for
/// the read model. Almost always there is nothing to wait for, and that costs one comparison.
/// </summary>
public sealed class ReadFenceBehavior<TMessage, TResponse>(ReadFence fence) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IQuery<TResponse>
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        fence.IsClear ? next(message, cancellationToken) : WaitThenAsync(message, next, cancellationToken);

    private async ValueTask<TResponse> WaitThenAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await fence.WaitForAnsweredAsync(cancellationToken);
        return await next(message, cancellationToken);
    }
}
