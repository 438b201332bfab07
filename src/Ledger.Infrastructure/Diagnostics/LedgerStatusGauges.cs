using System.Diagnostics.Metrics;
using Ledger.Infrastructure.Application.Queries;

namespace Ledger.Infrastructure.Diagnostics;

/// <summary>
/// The figures Diagnostics reads from the database (head position, database size, each projection's
/// checkpoint and lag) as observable gauges on the <c>Ledger</c> meter. Nothing runs until a listener
/// (a Prometheus scrape, the OTLP exporter, dotnet-counters) collects; then one status query answers all
/// four gauges of that collection.
/// </summary>
public sealed class LedgerStatusGauges
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private readonly IMediator mediator;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private (LedgerStatusView Status, long At)? last;

    public LedgerStatusGauges(IMeterFactory meterFactory, IMediator mediator, TimeProvider time)
    {
        this.mediator = mediator;
        this.time = time;
        // The factory hands out the same "Ledger" meter LedgerMetrics uses, and disposes it itself.
        var meter = meterFactory.Create(LedgerMetrics.MeterName);
        meter.CreateObservableGauge("ledger.events.head", () => Status().HeadPosition, "{position}", "Position of the newest event (events are gap-free, so also the count)");
        meter.CreateObservableGauge("ledger.database.size", () => Status().Database.SizeBytes, "By", "Size of the database file");
        meter.CreateObservableGauge("ledger.projections.checkpoint", () => Status().Projections.Select(p => new Measurement<long>(p.Checkpoint, new KeyValuePair<string, object?>("projection", p.Name))), "{position}", "Last position each projection applied");
        meter.CreateObservableGauge("ledger.projections.lag.time", () => Status().Projections.Select(p => new Measurement<double>(p.LagSeconds, new KeyValuePair<string, object?>("projection", p.Name))), "s", "Age of the oldest event a projection has not applied yet (0 when up to date)");
    }

    private LedgerStatusView Status()
    {
        lock (gate)
        {
            if (last is { } cached && time.GetElapsedTime(cached.At) < Reuse)
            {
                return cached.Status;
            }

            // Observable callbacks are synchronous; a collection happens once per scrape or export interval,
            // and the status query is a handful of indexed reads.
            var status = mediator.Send(new GetLedgerStatusQuery()).AsTask().GetAwaiter().GetResult();
            last = (status, time.GetTimestamp());
            return status;
        }
    }
}
