using Ledger.Infrastructure.Diagnostics;
using Ledger.Web.Api;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ledger.Web;

/// <summary>What the operator asked for: Prometheus at /metrics, OTLP export, both or (by default) neither.</summary>
internal sealed record TelemetryChoice(bool Prometheus, bool Otlp)
{
    public const string MetricsSetting = "Ledger:Metrics";
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>--metrics or Ledger:Metrics=true; OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (environment or configuration).</summary>
    public static TelemetryChoice From(CommandLine commandLine, IConfiguration configuration) => new(
        commandLine.Metrics || configuration.GetValue<bool>(MetricsSetting),
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]));
}

/// <summary>
/// OpenTelemetry over the "Ledger" meter and activity source, plus ASP.NET Core's own meters and request
/// spans. Nothing is registered unless asked for: without a listener the instruments and spans cost a check.
/// </summary>
internal static class Telemetry
{
    public static IServiceCollection AddLedgerTelemetry(this IServiceCollection services, TelemetryChoice choice)
    {
        services.AddSingleton<LedgerStatusGauges>();
        if (!choice.Prometheus && !choice.Otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("ledger"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(LedgerMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
            if (choice.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }

            if (choice.Otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (choice.Otlp)
        {
            // Prometheus has no traces; spans leave the process only through OTLP.
            telemetry.WithTracing(tracing => tracing
                .AddSource(LedgerTelemetry.SourceName, "Microsoft.AspNetCore")
                .AddOtlpExporter());
        }

        return services;
    }

    public static WebApplication UseLedgerTelemetry(this WebApplication app, TelemetryChoice choice)
    {
        // The gauges exist whether or not anyone collects them (dotnet-counters may); they cost nothing until then.
        app.Services.GetRequiredService<LedgerStatusGauges>();
        if (choice.Prometheus)
        {
            // The exporter maps every method; a scrape is a GET (or a HEAD, as every read). Other methods get 405
            // (with sign-in on, only the admin is told so).
            app.MapPrometheusScrapingEndpoint("/metrics").TakesReadsOnly();
        }

        return app;
    }
}
