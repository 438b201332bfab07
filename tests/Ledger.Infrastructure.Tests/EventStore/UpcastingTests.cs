using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Infrastructure.Tests.EventStore;

public sealed class UpcastingTests
{
    [Fact]
    public void StoredNames_AreTheContractNames_NotClrNames()
    {
        Assert.Equal(
            ["AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "AccountClosed", "TransferInitiated", "TransferReceived"],
            EventTypeRegistry.Names);
    }

    [Fact]
    public void V1Deposit_WithoutDescription_ReadsAsDeposit()
    {
        const string v1 = """{"accountId":"A","amount":12.5,"transactionReference":"old-ref","occurredAt":"2024-05-01T10:00:00+00:00"}""";

        var deposit = Assert.IsType<MoneyDeposited>(EventSerializer.Deserialize("MoneyDeposited", 1, v1));

        Assert.Equal("Deposit", deposit.Description);
        Assert.Equal(12.5m, deposit.Amount);
        Assert.Equal("old-ref", deposit.TransactionReference);
    }

    [Fact]
    public void PayloadFromANewerSchema_IsRefused_NotMisread()
    {
        var error = Assert.Throws<UnreadableEventException>(() => EventSerializer.Deserialize("MoneyDeposited", 3, "{}"));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1RowsInTheDatabase_LoadProjectAndShowWithTodaysShape()
    {
        await using var ledger = await TestLedger.StartAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await using (var db = await ledger.DbAsync())
        {
            db.Events.Add(new EventRecord
            {
                StreamId = "BankAccount-A",
                StreamVersion = 2,
                EventId = Guid.NewGuid(),
                EventType = "MoneyDeposited",
                SchemaVersion = 1,
                Data = """{"accountId":"A","amount":2.25,"transactionReference":"legacy","occurredAt":"2030-01-01T00:00:00+00:00"}""",
                Metadata = """{"correlationId":"c","causationId":"legacy","actor":"import"}""",
                OccurredAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
            await db.SaveChangesAsync();
        }

        var state = await ledger.Get<AccountLoader>().LoadAsync("A", default);
        foreach (var projection in ledger.Get<ProjectionRunner>().Projections)
        {
            await ledger.Get<ProjectionRunner>().CatchUpAsync(projection, default);
        }

        Assert.Equal(12.25m, state!.Balance);
        var history = await ledger.Mediator.Send(new GetAccountHistoryQuery("A"));
        Assert.Equal("Deposit", history.Items[0].Description);
        var events = await ledger.Mediator.Send(new GetAccountEventsQuery("A", 2));
        Assert.Equal(1, events.Items[0].SchemaVersion);
        Assert.Equal("Deposit", events.Items[0].Data.GetProperty("description").GetString());
        Assert.DoesNotContain("description", events.Items[0].StoredData, StringComparison.Ordinal);
    }
}
