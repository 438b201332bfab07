using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.TestSupport;

/// <summary>
/// Base for a test double that watches or interferes with appends: it wraps the real store, and every
/// read goes to it unchanged. Override <see cref="AppendAsync"/> (and, for a batch of several commands,
/// <see cref="BeginBatchAsync"/> and <see cref="CommitBatchAsync"/>); <see cref="Install{TStore}"/> puts
/// the double in front of the real store in a service collection.
/// </summary>
public abstract class ForwardingEventStore : IEventStore
{
    /// <summary>The real store.</summary>
    protected IEventStore Inner { get; private set; } = null!;

    /// <summary>Registers <typeparamref name="TStore"/> (a singleton) as the app's event store, wrapping the real one.</summary>
    public static void Install<TStore>(IServiceCollection services)
        where TStore : ForwardingEventStore
    {
        services.AddSingleton<TStore>(sp =>
        {
            var store = ActivatorUtilities.CreateInstance<TStore>(sp);
            store.Inner = ActivatorUtilities.CreateInstance<SqlEventStore>(sp);
            return store;
        });
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<TStore>());
    }

    public async Task<IEventStoreSession> BeginWritingAsync(CancellationToken cancellationToken) =>
        new Session(this, await Inner.BeginWritingAsync(cancellationToken));

    /// <summary>One append inside a write turn; the default passes it to the real store.</summary>
    protected virtual Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IEventStoreSession inner, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken) =>
        inner.AppendAsync(appends, metadata, command, cancellationToken);

    /// <summary>The start of a batch of several commands (group commit); the default begins it in the real store.</summary>
    protected virtual Task BeginBatchAsync(IEventStoreSession inner, CancellationToken cancellationToken) =>
        inner.BeginBatchAsync(cancellationToken);

    /// <summary>A batch's one COMMIT; the default commits it in the real store.</summary>
    protected virtual Task CommitBatchAsync(IEventStoreSession inner, CancellationToken cancellationToken) =>
        inner.CommitBatchAsync(cancellationToken);

    /// <summary>The sending of a batch's held-back appends (see <see cref="IEventStoreSession.SendQueuedAsync"/>); the default sends them in the real store.</summary>
    protected virtual Task<int> SendQueuedAsync(IEventStoreSession inner, CancellationToken cancellationToken) =>
        inner.SendQueuedAsync(cancellationToken);

    public Task<IReadOnlyList<IAccountEvent>> ReadStreamAsync(string streamId, long fromVersion, CancellationToken cancellationToken) =>
        Inner.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    public Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken) =>
        Inner.StreamVersionAsync(streamId, cancellationToken);

    public Task<IdempotencyRecord?> FindCommandAsync(string commandId, string? naturalKey, CancellationToken cancellationToken) =>
        Inner.FindCommandAsync(commandId, naturalKey, cancellationToken);

    private sealed class Session(ForwardingEventStore outer, IEventStoreSession inner) : IEventStoreSession
    {
        public Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken) =>
            outer.AppendAsync(inner, appends, metadata, command, cancellationToken);

        public Task BeginBatchAsync(CancellationToken cancellationToken) => outer.BeginBatchAsync(inner, cancellationToken);

        public Task CommitBatchAsync(CancellationToken cancellationToken) => outer.CommitBatchAsync(inner, cancellationToken);

        public bool QueueAppends
        {
            get => inner.QueueAppends;
            set => inner.QueueAppends = value;
        }

        public int QueuedAppends => inner.QueuedAppends;

        public Task<int> SendQueuedAsync(CancellationToken cancellationToken) => outer.SendQueuedAsync(inner, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
