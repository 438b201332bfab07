namespace Ledger.Infrastructure.Application.Writing;

internal sealed partial class GroupCommit
{
    /// <summary>
    /// Decides every command in order, each on the states the ones before it leave. Where the store holds
    /// appends back (a server: they then travel together, one round trip for the batch), a held append that
    /// fails when sent (a stale version, a taken command id) did not take effect, nor did any after it: the
    /// batch goes back to just before its command, which is decided again and appended at once, so that
    /// failure becomes its answer exactly as without holding back; the commands after it are decided again.
    /// </summary>
    private static async Task DecideAllAsync(IEventStoreSession session, WriteBatch batch, List<PendingWrite> pending)
    {
        var marks = new (BatchMark Batch, int Queued)[pending.Count];
        var from = 0;
        while (true)
        {
            for (var i = from; i < pending.Count; i++)
            {
                marks[i] = (batch.Mark(), session.QueuedAppends);
                await pending[i].DecideAndAppendAsync(batch);
            }

            var failed = await session.SendQueuedAsync(CancellationToken.None);
            if (failed < 0)
            {
                return;
            }

            // The command whose append that was: the last one that had queued no more than it before it ran.
            var k = from;
            for (var i = from; i < pending.Count && marks[i].Queued <= failed; i++)
            {
                k = i;
            }

            batch.RollBackTo(marks[k].Batch);
            for (var i = k; i < pending.Count; i++)
            {
                pending[i].Reset();
            }

            session.QueueAppends = false;
            await pending[k].DecideAndAppendAsync(batch);
            session.QueueAppends = true;
            from = k + 1;
        }
    }
}
