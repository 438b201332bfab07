namespace Ledger.Infrastructure.Storage.Sql;

public sealed partial class EventAppender
{
    /// <summary>One turn at writing: appends made through it run one at a time, on the appender's connection.</summary>
    private sealed class Session(EventAppender appender) : IEventStoreSession
    {
        private int disposed;

        public Task BeginBatchAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return appender.BeginBatchAsync(cancellationToken);
        }

        public Task CommitBatchAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return appender.CommitBatchAsync(cancellationToken);
        }

        public bool QueueAppends
        {
            get => appender.queueAppends;
            set
            {
                ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
                appender.queueAppends = value;
            }
        }

        public int QueuedAppends => appender.connection?.Queued ?? 0;

        public Task<int> SendQueuedAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return appender.SendQueuedAsync(cancellationToken);
        }

        public Task<IReadOnlyList<StoredEvent>> AppendAsync(
            IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(appends);
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return appender.AppendAsync(appends, metadata, command, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                try
                {
                    // A batch not committed (its writer failed) is rolled back before the next writer gets the connection.
                    appender.batchOpen = false;
                    appender.queueAppends = false;
                    if (appender.connection is { InBatch: true } open)
                    {
                        await open.AbortBatchAsync();
                    }
                }
                finally
                {
                    appender.turn.Release();
                }
            }
        }
    }
}
