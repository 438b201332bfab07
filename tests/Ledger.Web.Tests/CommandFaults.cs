using System.Collections.Concurrent;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// A step just in front of the real command handlers: it records every command the UI sends (actor
/// "ui"; a test's own setup passes untouched) and its answer, and on request holds the next send until released, loses its answer after the ledger
/// acted (a timeout on the way back), or fails it before it arrives (a busy database).
/// </summary>
public sealed class CommandFaults
{
    private readonly ConcurrentQueue<LedgerCommand> sent = new();
    private readonly ConcurrentQueue<object?> answers = new();
    private TaskCompletionSource? hold;
    private Fault next;

    private enum Fault
    {
        None,
        LoseAnswer,
        FailBeforeSending,
    }

    /// <summary>Every command the UI sent, in order, whether or not it then reached the handler.</summary>
    public IReadOnlyList<LedgerCommand> Sent => [.. sent];

    /// <summary>What the ledger answered, in order: a result, or the refusal it threw.</summary>
    public IReadOnlyList<object?> Answers => [.. answers];

    /// <summary>Registers the step for every command; call before the test's services are first used.</summary>
    public static CommandFaults AddTo(IServiceCollection services)
    {
        var faults = new CommandFaults();
        Add<OpenAccountCommand, AccountView>(services, faults);
        Add<DepositMoneyCommand, CommandResult>(services, faults);
        Add<WithdrawMoneyCommand, CommandResult>(services, faults);
        Add<TransferMoneyCommand, TransferResult>(services, faults);
        Add<CloseAccountCommand, CommandResult>(services, faults);
        return faults;
    }

    /// <summary>The next send waits before reaching the ledger until the returned source is completed.</summary>
    public TaskCompletionSource HoldNext() =>
        hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void LoseNextAnswer() => next = Fault.LoseAnswer;

    public void FailNextBeforeSending() => next = Fault.FailBeforeSending;

    private async ValueTask<TResponse> RunAsync<TMessage, TResponse>(TMessage message, MessageHandlerDelegate<TMessage, TResponse> handler, CancellationToken cancellationToken)
        where TMessage : LedgerCommand, IMessage
    {
        if (message.Actor != "ui")
        {
            return await handler(message, cancellationToken);
        }

        sent.Enqueue(message);
        var fault = next;
        next = Fault.None;
        if (Interlocked.Exchange(ref hold, null) is { } held)
        {
            await held.Task;
        }

        if (fault == Fault.FailBeforeSending)
        {
            throw new TimeoutException("The database was busy for too long.");
        }

        try
        {
            var answer = await handler(message, cancellationToken);
            answers.Enqueue(answer);
            if (fault == Fault.LoseAnswer)
            {
                throw new TimeoutException("The answer did not arrive in time.");
            }

            return answer;
        }
        catch (Ledger.Domain.DomainException refused)
        {
            answers.Enqueue(refused);
            throw;
        }
    }

    private static void Add<TMessage, TResponse>(IServiceCollection services, CommandFaults faults)
        where TMessage : LedgerCommand, IMessage =>
        services.AddSingleton<IPipelineBehavior<TMessage, TResponse>>(new Step<TMessage, TResponse>(faults));

    private sealed class Step<TMessage, TResponse>(CommandFaults faults) : IPipelineBehavior<TMessage, TResponse>
        where TMessage : LedgerCommand, IMessage
    {
        public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
            faults.RunAsync(message, next, cancellationToken);
    }
}
