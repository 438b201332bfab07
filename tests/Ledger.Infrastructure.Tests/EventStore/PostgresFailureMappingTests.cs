using Ledger.Infrastructure.Storage.Postgres;
using Ledger.Infrastructure.Storage.Sql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Infrastructure.Tests.EventStore;

/// <summary>
/// PostgreSQL's failures in the write path's terms. The unique indexes and the gap trigger are also met
/// for real by the contract tests on PostgreSQL; serialization failures and deadlocks cannot be provoked
/// on the append path (it runs under one lock), so their mapping is checked here. A busy lock and a
/// server that goes away are also met for real (the API suite's busy test, the reliability suite's
/// PostgreSQL outage tests); every way of going away is listed here.
/// </summary>
public sealed class PostgresFailureMappingTests : IAsyncDisposable
{
    private readonly PostgresEngine engine = new(Options.Create(new LedgerOptions
    {
        Provider = LedgerOptions.Postgres,
        ConnectionString = "Host=localhost;Database=never_opened",
    }));

    public ValueTask DisposeAsync() => engine.DisposeAsync();

    [Theory]
    [InlineData("23505", "events", "ux_events_stream_version", StorageFailure.StreamVersionConflict)]
    [InlineData("23505", "processed_commands", "PK_processed_commands", StorageFailure.DuplicateCommand)]
    [InlineData("23505", "processed_commands", "ux_processed_commands_natural_key", StorageFailure.DuplicateCommand)]
    [InlineData("23505", "events", "ux_events_event_id", StorageFailure.Other)]
    [InlineData("40001", null, null, StorageFailure.StreamVersionConflict)]
    [InlineData("40P01", null, null, StorageFailure.StreamVersionConflict)]
    [InlineData("55P03", null, null, StorageFailure.Busy)]
    [InlineData("53300", null, null, StorageFailure.Unavailable)]
    [InlineData("57P01", null, null, StorageFailure.Unavailable)]
    [InlineData("57P02", null, null, StorageFailure.Unavailable)]
    [InlineData("57P03", null, null, StorageFailure.Unavailable)]
    [InlineData("08006", null, null, StorageFailure.Unavailable)]
    [InlineData("22P02", null, null, StorageFailure.Other)]
    public void ServerErrors_MapToTheStoresFailures(string sqlState, string? table, string? constraint, StorageFailure expected)
    {
        var error = new PostgresException("refused", "ERROR", "ERROR", sqlState, tableName: table, constraintName: constraint);

        Assert.Equal(expected, engine.Classify(error));
        Assert.Equal(expected, engine.Classify(new InvalidOperationException("wrapped", error)));
    }

    [Fact]
    public void TheGapTrigger_IsAConflict()
    {
        var error = new PostgresException(PostgresStatements.GapRefusal, "ERROR", "ERROR", PostgresErrorCodes.RaiseException);

        Assert.Equal(StorageFailure.StreamVersionConflict, engine.Classify(error));
        Assert.Equal(StorageFailure.Other, engine.Classify(new PostgresException("something else", "ERROR", "ERROR", PostgresErrorCodes.RaiseException)));
    }

    [Fact]
    public void ALostConnection_IsUnavailable_WhateverBrokeIt()
    {
        Assert.Equal(StorageFailure.Unavailable, engine.Classify(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.Equal(StorageFailure.Unavailable, engine.Classify(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.Equal(StorageFailure.Unavailable, engine.Classify(new NpgsqlException("Timeout during reading attempt", new TimeoutException())));
        Assert.Equal(StorageFailure.Unavailable, engine.Classify(new InvalidOperationException("wrapped", new NpgsqlException("broken"))));
        Assert.Equal(StorageFailure.Other, engine.Classify(new InvalidOperationException("not the database")));
    }
}
