using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ledger.Benchmarks.Dispatch;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M3 through BenchmarkDotNet (in-process toolchain, so nothing is generated or built at run time).
/// The subjects live in Ledger.Benchmarks.Dispatch; see its project file for why.
/// </summary>
public sealed class M3Dispatch() : Scenario("M3", "Mediator dispatch cost")
{
    public override Task<Measurement> MeasureAsync(RunContext context)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        job = context.Quick
            ? job.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(80))
            : job.WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(20);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(context.Quick ? NullLogger.Instance : ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(context.DataDirectory, "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        if (context.Quick)
        {
            // CI may build Debug; the quick run only proves the harness works.
            config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }

        var summary = BenchmarkRunner.Run<DispatchBenchmarks>(config);
        var results = summary.Reports.ToDictionary(
            r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            r => (Median: r.ResultStatistics?.Median ?? double.NaN, Bytes: r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase)));

        var direct = results[nameof(DispatchBenchmarks.Direct)];
        Row Line(string method, string figure, bool target)
        {
            var (median, bytes) = results[method];
            var ratio = median / direct.Median;
            return new Row("M3", figure,
                $"{Format.Ns(median)}, {bytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} B/op",
                $"{Format.Ns(direct.Median)}, {direct.Bytes} B/op direct call",
                Format.Ratio(ratio),
                target ? "≤ 2× direct, 0 B/op" : "report",
                target ? Row.Check(ratio <= 2 && bytes == 0) : Verdict.Report);
        }

        var rows = new List<Row>
        {
            Line(nameof(DispatchBenchmarks.MediatorConcrete), "Mediator 3.0.2 Send via the generated class (how the HTTP API calls it)", target: true),
            Line(nameof(DispatchBenchmarks.MediatorInterface), "Mediator 3.0.2 Send via IMediator (how the Blazor UI calls it)", target: false),
            Line(nameof(DispatchBenchmarks.MediatorPipeline), "Mediator via the generated class + 3 pass-through behaviours (Ledger's command pipeline shape)", target: false),
            Line(nameof(DispatchBenchmarks.MediatR), "MediatR 5.1.0 Send", target: false),
        };
        var setup = context.Quick
            ? "BenchmarkDotNet 0.15.8, in-process toolchain, MemoryDiagnoser; quick job (2 warm-up, 5 × 80 ms iterations). Ping → handler returning value + 1."
            : "BenchmarkDotNet 0.15.8, in-process toolchain, MemoryDiagnoser; 6 warm-up + 20 measured iterations; median per op. Ping → handler returning value + 1.";
        return Task.FromResult(new Measurement(rows, setup, Readings.M3));
    }
}
