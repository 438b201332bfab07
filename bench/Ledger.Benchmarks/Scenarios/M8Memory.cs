using System.Globalization;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Application.Queries;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M8: resident memory of a process hosting Ledger's services exactly as the app composes them
/// (AddLedger on a generic host, the catch-up service running, server GC as ASP.NET Core uses). Each
/// measurement is a fresh child process of this program, so the harness's own allocations never count:
/// one on an empty database, idle; one on a database of seeded events whose projections start empty,
/// so the catch-up service loads every event at start, and which then opens accounts (reads the
/// account, its first statement page and balance series, and sends one deposit through the write path).
/// </summary>
public sealed class M8Memory() : Scenario("M8", "Memory")
{
    public const string ChildSwitch = "--m8-child";

    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var events = context.Sizes.M8Events;
        var smallEvents = events / 10;
        var emptyPath = context.DatabasePath("m8-empty");
        await RawSqlite.CreateSchemaAsync(emptyPath);
        const int perAccount = 100;
        async Task<string> SeedAsync(string name, int count)
        {
            var path = context.DatabasePath(name);
            await RawSqlite.CreateSchemaAsync(path);
            await Seeder.SeedAsync(path, Enumerable.Range(1, count / perAccount).Select(i => new SeedAccount($"M8-{i:D5}", perAccount)).ToArray());
            return path;
        }

        var smallPath = await SeedAsync("m8-small", smallEvents);
        var loadedPath = await SeedAsync("m8-loaded", events);

        var idle = new List<Dictionary<string, double>>();
        var small = new List<Dictionary<string, double>>();
        var loaded = new List<Dictionary<string, double>>();
        var reps = context.Quick ? 1 : 3;
        for (var rep = 0; rep < reps; rep++)
        {
            idle.Add(await RunChildAsync(emptyPath, 0));
            // Every rep starts from projections at zero, so each one loads all the events itself.
            await ResetProjectionsAsync(smallPath);
            small.Add(await RunChildAsync(smallPath, Math.Min(context.Sizes.M8OpenAccounts, smallEvents / perAccount)));
            await ResetProjectionsAsync(loadedPath);
            loaded.Add(await RunChildAsync(loadedPath, context.Sizes.M8OpenAccounts));
            RunContext.Progress($"M8 rep {rep + 1}: idle {idle[^1]["idle.rss"] / 1048576:N1} MB, {smallEvents:N0} events {small[^1]["opened.rss"] / 1048576:N1} MB, "
                + $"{events:N0} events {loaded[^1]["opened.rss"] / 1048576:N1} MB");
        }

        double Median(List<Dictionary<string, double>> runs, string key) => Stats.Median(runs.Select(r => r[key]).ToArray());
        var idleRss = Median(idle, "idle.rss");
        var smallRss = Median(small, "opened.rss");
        var loadedRss = Median(loaded, "loaded.rss");
        var openedRss = Median(loaded, "opened.rss");
        // The slope between two database sizes: what each further 100k events costs, net of the fixed
        // cost of having run every code path once (JIT, EF model and query caches, pools).
        var perHundredK = (openedRss - smallRss) / ((events - smallEvents) / 100_000.0);
        var rows = new List<Row>
        {
            new("M8", $"working set after loading {events:N0} events and opening {context.Sizes.M8OpenAccounts} accounts",
                $"{Format.Mb(openedRss)} (after catch-up, before opening: {Format.Mb(loadedRss)})",
                $"{Format.Mb(idleRss)} idle on an empty database",
                Format.Ratio(openedRss / idleRss), "report", Verdict.Report),
            new("M8", "working set per 100k events (slope between two sizes)",
                $"{Format.Mb(perHundredK)} per 100k events",
                $"{Format.Mb(smallRss)} with {smallEvents:N0} events; managed heap after full GC: idle {Format.Mb(Median(idle, "idle.heap"))}, "
                    + $"{events:N0} events {Format.Mb(Median(loaded, "opened.heap"))}",
                "—", "report", Verdict.Report),
        };
        var setup = $"{reps} rep(s); a child process per measurement hosting AddLedger + the catch-up service on a generic host (server GC, as the "
            + $"ASP.NET Core app runs; no Kestrel/Blazor); VmRSS from /proc/self/status after the process settled. Databases of {smallEvents:N0} "
            + $"and {events:N0} events ({perAccount} per account), projections empty at start so the catch-up service loads every event.";
        return new Measurement(rows, setup, Readings.M8);
    }

    private static async Task ResetProjectionsAsync(string path)
    {
        await using var connection = await RawSqlite.OpenAsync(path, "NORMAL");
        await RawSqlite.ExecuteAsync(connection, "DELETE FROM account_ledger; DELETE FROM account_balances; DELETE FROM projection_checkpoints; DELETE FROM snapshots;");
        await RawSqlite.ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static async Task<Dictionary<string, double>> RunChildAsync(string path, int openAccounts)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(M8Memory).Assembly.Location);
        }

        start.ArgumentList.Add(ChildSwitch);
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(openAccounts.ToString(CultureInfo.InvariantCulture));
        start.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The M8 child did not start.");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The M8 child failed ({child.ExitCode}): {output}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('='))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The child: host the services, let them settle, report memory at each stage as key=value lines.</summary>
    public static async Task<int> ChildAsync(string path, int openAccounts)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLedger(o =>
        {
            o.DatabasePath = path;
            o.CatchUpIntervalMilliseconds = 200;
        });
        using var host = builder.Build();
        await LedgerDatabase.InitializeAsync(host.Services);
        await host.StartAsync();
        var mediator = host.Services.GetRequiredService<IMediator>();

        async Task WaitForCatchUpAsync()
        {
            var deadline = Stopwatch.StartNew();
            while ((await mediator.Send(new GetLedgerStatusQuery())).Projections.Any(p => p.LagEvents > 0))
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException("Projections did not catch up in 5 minutes.");
                }

                await Task.Delay(100);
            }
        }

        async Task ReportAsync(string stage)
        {
            await Task.Delay(1_000);
            Console.WriteLine($"{stage}.rss={VmRss().ToString(CultureInfo.InvariantCulture)}");
            Console.WriteLine($"{stage}.heap={GC.GetTotalMemory(forceFullCollection: true).ToString(CultureInfo.InvariantCulture)}");
        }

        await WaitForCatchUpAsync();
        if (openAccounts == 0)
        {
            await ReportAsync("idle");
        }
        else
        {
            await ReportAsync("loaded");
            for (var i = 1; i <= openAccounts; i++)
            {
                var id = $"M8-{i:D5}";
                _ = await mediator.Send(new GetAccountQuery(id)) ?? throw new InvalidOperationException($"{id} is not in the read model.");
                await mediator.Send(new GetAccountHistoryQuery(id));
                await mediator.Send(new GetBalanceSeriesQuery(id));
                await mediator.Send(new DepositMoneyCommand(id, 10m, "M8-open-" + i));
            }

            await WaitForCatchUpAsync();
            await ReportAsync("opened");
        }

        await host.StopAsync();
        return 0;
    }

    /// <summary>Resident set size in bytes, as the kernel counts it.</summary>
    public static long VmRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }
}
