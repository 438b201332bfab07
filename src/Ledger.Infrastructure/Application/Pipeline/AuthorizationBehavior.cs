using Ledger.Infrastructure.Application.Access;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// With sign-in on, refuses a command its caller's role does not permit (before anything is loaded, so a refusal
/// writes nothing, not even an idempotency record), and records the command under the caller's name: the actor
/// comes from who signed in, never from what the client said.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(AccessGate gate) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private static readonly Permission Needed = CommandPermissions.For(typeof(TMessage));

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (gate.Demand(Needed) is { IsSystem: false } caller && message is LedgerCommand command)
        {
            message = (TMessage)(object)(command with { Actor = caller.Name });
        }

        return next(message, cancellationToken);
    }
}
