using Microsoft.Extensions.Configuration;

namespace Ledger.Api.Tests.Telemetry;

/// <summary>
/// Issue 11, item 7: Prometheus text at /metrics when asked for, and nothing at all otherwise. Alone in
/// its collection: OpenTelemetry listens to every meter named "Ledger" in the process, so apps of tests
/// running beside it would add their counts to its figures.
/// </summary>
[Collection(nameof(MetricsEndpointTests))]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_WhenSwitchedOnInConfiguration_ServesLedgerSeries_AfterACommand()
    {
        await using var factory = await LedgerApiFactory.CreateAsync(settings: new Dictionary<string, string> { [TelemetryChoice.MetricsSetting] = "true" });
        using var client = factory.CreateClient();
        await client.OpenAsync("M-1", 100m);
        await (await client.PostAsync("/api/accounts/M-1/withdrawals", new { amount = 1000, transactionReference = "too much" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_funds");

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ledger_commands_handled_total\{[^}]*type=""OpenAccountCommand""[^}]*\} 1\b", text);
        Assert.Matches(@"(?m)^ledger_commands_rejected_total\{[^}]*code=""insufficient_funds""[^}]*\} 1\b", text);
        Assert.Matches(@"(?m)^ledger_events_appended_total\{[^}]*\} 1\b", text);
        Assert.Matches(@"(?m)^ledger_events_head\{[^}]*\} 1\b", text);
        Assert.Matches(@"(?m)^ledger_projections_checkpoint\{[^}]*projection=""account_balances""[^}]*\} 1\b", text);
        Assert.Contains("ledger_database_size_bytes", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ByDefault_AreNotServed()
    {
        await using var factory = await LedgerApiFactory.CreateAsync();
        using var client = factory.CreateClient();
        await client.OpenAsync("M-2", 100m);

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(new[] { "--metrics" }, null, null, true, false)]
    [InlineData(new string[0], "true", null, true, false)]
    [InlineData(new string[0], null, "http://127.0.0.1:4317", false, true)]
    [InlineData(new string[0], "false", "", false, false)]
    public void Telemetry_IsWhatTheCommandLineAndSettingsAskFor(string[] args, string? metricsSetting, string? otlpEndpoint, bool prometheus, bool otlp)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryChoice.MetricsSetting] = metricsSetting,
            [TelemetryChoice.OtlpEndpointVariable] = otlpEndpoint,
        }).Build();

        var commandLine = CommandLine.Parse(args);

        Assert.Equal(new TelemetryChoice(prometheus, otlp), TelemetryChoice.From(commandLine, configuration));
        Assert.DoesNotContain("--metrics", commandLine.HostArgs);
    }
}

[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsEndpointCollection;
