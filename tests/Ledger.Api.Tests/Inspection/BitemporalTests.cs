using Ledger.Infrastructure.Application.Commands;
using Mediator;

namespace Ledger.Api.Tests.Inspection;

/// <summary>
/// Two times per event: when it happened (occurredAt) and when the ledger recorded it (recordedAt). A report
/// asked "as known at K" reads the same later, whatever is back-dated in between.
/// </summary>
public sealed class BitemporalTests : ClockedApiTest
{
    [Fact]
    public async Task Events_CarryRecordedAt_TheCommitTime_NeverDecreasingWithPosition()
    {
        var id = await Client.OpenNewAsync(100m);
        Clock.Set(Monday.AddHours(2));
        await BackdatedDepositAsync(id, 5m, Monday.AddMinutes(30));
        // The Clock steps back (a corrected Clock, another machine): the recorded time does not.
        Clock.Set(Monday.AddHours(1));
        await Client.DepositAsync(id, 1m);

        var events = (await Client.GetJsonAsync($"/api/accounts/{id}/events")).GetProperty("items").EnumerateArray().ToArray();

        Assert.Equal(Monday, events[0].GetProperty("recordedAt").GetDateTimeOffset());
        Assert.Equal(Monday.AddMinutes(30), events[1].GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(Monday.AddHours(2), events[1].GetProperty("recordedAt").GetDateTimeOffset());
        Assert.Equal(Monday.AddHours(2), events[2].GetProperty("recordedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AReportAsKnownAtAMoment_ReadsTheSameAfterABackdatedEntry()
    {
        var id = await Client.OpenNewAsync(100m);
        Clock.Set(Monday.AddDays(1));
        var report = $"/api/balances?at={Iso(Monday.AddHours(12))}&knownAt={Iso(Monday.AddDays(1))}";
        var before = await Client.GetJsonAsync(report);

        Clock.Set(Monday.AddDays(2));
        await BackdatedDepositAsync(id, 50m, Monday.AddHours(10));

        var again = await Client.GetJsonAsync(report);
        var latest = await Client.GetJsonAsync($"/api/balances?at={Iso(Monday.AddHours(12))}");
        Assert.Equal(before.GetProperty("totals").ToString(), again.GetProperty("totals").ToString());
        Assert.Equal(100m, Balance(again, id));
        Assert.Equal(150m, Balance(latest, id));
        var stateThen = await Client.GetJsonAsync($"/api/accounts/{id}/state?at={Iso(Monday.AddHours(12))}&knownAt={Iso(Monday.AddDays(1))}");
        var stateNow = await Client.GetJsonAsync($"/api/accounts/{id}/state?at={Iso(Monday.AddHours(12))}");
        Assert.Equal(100m, stateThen.GetProperty("balance").GetDecimal());
        Assert.Equal(150m, stateNow.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task AnEventDatedAfterNowBeyondTheSkew_IsRefusedAsOccurredInFuture_WritingNothing()
    {
        var id = await Client.OpenNewAsync(100m);
        var before = await Client.EventCountAsync();
        var mediator = Factory.Services.GetRequiredService<IMediator>();

        var refusal = await Assert.ThrowsAsync<CommandRefusedException>(async () =>
        {
            using (LedgerClock.BackdateTo(Monday.AddHours(1)))
            {
                await mediator.Send(new DepositMoneyCommand(id, 5m, "future", null));
            }
        });

        Assert.Equal("occurred_in_future", refusal.Code);
        Assert.Contains("after now", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Client.EventCountAsync());
        using (LedgerClock.BackdateTo(Monday.AddMinutes(4)))
        {
            await mediator.Send(new DepositMoneyCommand(id, 5m, "within-skew", null));
        }

        Assert.Equal(before + 1, await Client.EventCountAsync());
    }

    [Fact]
    public async Task KnownAtThatIsNotAnInstant_Is400NamingIt()
    {
        var response = await Client.GetAsync("/api/balances?knownAt=yesterday");

        await response.ValidationProblemAsync("knownAt");
    }

    private async Task BackdatedDepositAsync(string id, decimal amount, DateTimeOffset at)
    {
        var mediator = Factory.Services.GetRequiredService<IMediator>();
        using (LedgerClock.BackdateTo(at))
        {
            await mediator.Send(new DepositMoneyCommand(id, amount, "late-" + amount, "Entered late"));
        }
    }

    private static decimal Balance(System.Text.Json.JsonElement balances, string id) =>
        balances.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == id).GetProperty("balance").GetDecimal();
}
