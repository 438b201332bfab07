using Ledger.Infrastructure;

namespace Ledger.Benchmarks.Harness;

/// <summary>
/// The product's own settings where the test host's differ, so a figure is what a user gets: every commit
/// flushed, and on PostgreSQL a command answered once its append is durable (reads wait for the projections,
/// see ReadFence), not after them as the test suites ask.
/// </summary>
public static class ProductDefaults
{
    public static void Durable(LedgerOptions options)
    {
        options.Synchronous = "FULL";
        options.AnswerAfterProjections = false;
    }
}
