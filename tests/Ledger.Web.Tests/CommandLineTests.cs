using Ledger.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Ledger.Web.Tests;

/// <summary>Ledger's own switches: taken out before ASP.NET Core sees the rest, and a wrong one refused in words.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void EverySwitch_IsTaken_AndOnlyTheRestReachesTheHost()
    {
        var line = CommandLine.Parse(["--seed-demo", "--urls", "http://127.0.0.1:0", "--metrics", "--allow-http", "--auth", "on", "--db", "a.db", "--open", "--environment", "Test"]);

        Assert.Equal(["--urls", "http://127.0.0.1:0", "--environment", "Test"], line.HostArgs);
        Assert.True(line.SeedDemo);
        Assert.True(line.Metrics);
        Assert.True(line.AllowHttp);
        Assert.True(line.Open);
        Assert.Equal("on", line.Auth);
        Assert.Equal("a.db", line.DatabasePath);
        Assert.Null(line.PostgresConnectionString);
    }

    [Fact]
    public void WithoutSwitches_EverythingIsOff_AndAllGoesToTheHost()
    {
        var line = CommandLine.Parse(["--urls", "http://127.0.0.1:0"]);

        Assert.Equal(["--urls", "http://127.0.0.1:0"], line.HostArgs);
        Assert.False(line.SeedDemo || line.Metrics || line.AllowHttp || line.Open);
        Assert.Null(line.Auth);
        Assert.Null(line.DatabasePath);
        Assert.Null(line.PostgresConnectionString);
    }

    [Fact]
    public void ValuesMayFollowAnEqualsSign()
    {
        Assert.Equal("b.db", CommandLine.Parse(["--db=b.db"]).DatabasePath);
        Assert.Equal("Host=h", CommandLine.Parse(["--postgres=Host=h"]).PostgresConnectionString);
        Assert.Equal("Host=h;Database=l", CommandLine.Parse(["--postgres", "Host=h;Database=l"]).PostgresConnectionString);
        Assert.Equal("off", CommandLine.Parse(["--auth=off"]).Auth);
    }

    [Fact]
    public void ASwitchWithoutItsValue_IsRefused_SayingWhatItNeeds()
    {
        Assert.Equal("--db needs a file path, e.g. --db ./ledger.db", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--db"])).Message);
        Assert.StartsWith("--postgres needs an Npgsql connection string", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--postgres"])).Message);
        Assert.Equal("--auth takes on or off, e.g. --auth on", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--auth"])).Message);
        Assert.Equal("--auth takes on or off, e.g. --auth on", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--auth=yes"])).Message);
    }

    [Fact]
    public void TwoDatabases_AreRefused()
    {
        var refused = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--db", "a.db", "--postgres", "Host=h"]));

        Assert.Equal("--db and --postgres name two databases: give one.", refused.Message);
    }

    [Fact]
    public void TheCommandLinesDatabase_WinsOverConfiguration()
    {
        var options = new LedgerOptions { Provider = LedgerOptions.Postgres, ConnectionString = "Host=configured" };

        CommandLine.Parse(["--db", "a.db"]).ApplyTo(options, Configuration());

        Assert.Equal(LedgerOptions.Sqlite, options.Provider);
        Assert.Equal("a.db", options.DatabasePath);

        CommandLine.Parse(["--postgres", "Host=given"]).ApplyTo(options, Configuration());

        Assert.Equal(LedgerOptions.Postgres, options.Provider);
        Assert.Equal("Host=given", options.ConnectionString);
    }

    [Fact]
    public void PostgresFromConfiguration_TakesTheLedgerConnectionString_UnlessOneIsSetAlready()
    {
        var options = new LedgerOptions { Provider = LedgerOptions.Postgres };
        var configuration = Configuration(("ConnectionStrings:Ledger", "Host=from-config"));

        CommandLine.Parse([]).ApplyTo(options, configuration);

        Assert.Equal("Host=from-config", options.ConnectionString);

        var preset = new LedgerOptions { Provider = LedgerOptions.Postgres, ConnectionString = "Host=preset" };
        CommandLine.Parse([]).ApplyTo(preset, configuration);

        Assert.Equal("Host=preset", preset.ConnectionString);
    }

    [Fact]
    public void SqliteFromConfiguration_IgnoresAnyConnectionString()
    {
        var options = new LedgerOptions { DatabasePath = "configured.db" };

        CommandLine.Parse([]).ApplyTo(options, Configuration(("ConnectionStrings:Ledger", "Host=from-config")));

        Assert.Equal(LedgerOptions.Sqlite, options.Provider);
        Assert.Equal("configured.db", options.DatabasePath);
        Assert.Null(options.ConnectionString);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
