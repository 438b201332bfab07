namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The appends of a batch held back to go to the server together (group commit where the driver batches):
/// each as <c>SAVEPOINT append</c>, its inserts, <c>RELEASE SAVEPOINT append</c>, so the commands of a batch
/// cost one round trip together instead of one each. Under the batch's append lock every position is one
/// more than the last (<c>events_next_position()</c>), so an append's events get their positions when
/// queued, and the send checks them against what the inserts return: a mismatch fails the whole batch.
/// </summary>
internal sealed class QueuedAppends
{
    /// <summary>The head, read in the batch's first round trip right after its append lock (a fresh snapshot in READ COMMITTED).</summary>
    public const string HeadPosition = "SELECT COALESCE(MAX(position), 0) FROM events";

    /// <summary>What a held command record's insert returns, so that every insert answers with a row (see <see cref="SendAsync"/>).</summary>
    public const string RecordReturns = " RETURNING 0";

    /// <summary>Per queued append: its first position.</summary>
    private readonly List<long> appends = [];

    /// <summary>
    /// Per insert of the pending batch, in order: the append it belongs to and the position it must return
    /// (null for a command's record). Savepoints return no rows, and the reader steps over those.
    /// </summary>
    private readonly List<(int Append, long? Position)> inserts = [];

    private DbBatch? pending;

    public int Count => appends.Count;

    /// <summary>The position the next event appended in this batch gets.</summary>
    public long NextPosition { get; set; }

    /// <summary>After a send failed, the index of the append whose insert failed; null when it cannot be told (then the whole batch fails).</summary>
    public int? FailedIndex { get; private set; }

    /// <summary>Starts an append's statements: positions are handed out from <see cref="NextPosition"/> as its events are added.</summary>
    public DbBatch Begin(DbConnection connection)
    {
        pending ??= connection.CreateBatch();
        appends.Add(NextPosition);
        return pending;
    }

    /// <summary>Records that the insert just added to the pending batch returns <paramref name="position"/> (an event) or a row of its own (a command's record).</summary>
    public void Inserted(long? position)
    {
        inserts.Add((appends.Count - 1, position));
        if (position is { } taken)
        {
            NextPosition = taken + 1;
        }
    }

    /// <summary>
    /// Sends the held statements in <paramref name="transaction"/>. Every insert returns a row, so the
    /// results read so far say which insert failed (the driver does not name it). On a failure the
    /// positions go back to the failed append's first one (nothing from it on was written) and
    /// <see cref="FailedIndex"/> names it; the exception is rethrown for the caller to classify.
    /// </summary>
    public async Task SendAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (pending is null)
        {
            return;
        }

        FailedIndex = null;
        var read = 0;
        try
        {
            pending.Transaction = transaction;
            await using var reader = await pending.ExecuteReaderAsync(cancellationToken);
            for (; read < inserts.Count; read++)
            {
                if (read > 0 && !await reader.NextResultAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The batch returned fewer rows than it had inserts.");
                }

                if (!await reader.ReadAsync(cancellationToken)
                    || (inserts[read].Position is { } expected && reader.GetInt64(0) != expected))
                {
                    throw new InvalidOperationException($"An insert of the batch did not get position {inserts[read].Position}: nothing of the batch is kept.");
                }
            }

            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }
        catch (DbException) when (read < inserts.Count)
        {
            var index = inserts[read].Append;
            FailedIndex = index;
            NextPosition = appends[index];
            throw;
        }
        finally
        {
            await ClearAsync();
        }
    }

    /// <summary>Drops whatever is held, unsent (the batch was rolled back, or has just been sent).</summary>
    public async ValueTask ClearAsync()
    {
        appends.Clear();
        inserts.Clear();
        if (pending is not null)
        {
            await pending.DisposeAsync();
            pending = null;
        }
    }
}
