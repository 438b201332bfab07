namespace Ledger.Api.Tests.Inspection;

/// <summary>Statements (JSON and CSV), explain-this-balance and two moments compared, over the HTTP API.</summary>
public sealed class InspectionTests() : ClockedApiTest(new Dictionary<string, string> { ["Ledger:SnapshotInterval"] = "3" })
{
    [Fact]
    public async Task Statement_HasOpeningLinesWithRunningBalanceTotalsAndClosing_ThatAddUp()
    {
        var (id, other) = await HistoryAsync();

        var statement = await Client.GetJsonAsync($"/api/accounts/{id}/statement?from={Iso(Monday.AddDays(1))}&to={Iso(Monday.AddDays(3))}");

        Assert.Equal(id, statement.GetProperty("accountId").GetString());
        Assert.Equal("EUR", statement.GetProperty("currency").GetString());
        Assert.Equal(100m, statement.GetProperty("openingBalance").GetDecimal());
        var lines = statement.GetProperty("lines").EnumerateArray().ToArray();
        Assert.Equal(["MoneyDeposited", "MoneyWithdrawn", "TransferInitiated"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal([50m, -30m, -20m], lines.Select(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal([150m, 120m, 100m], lines.Select(l => l.GetProperty("balanceAfter").GetDecimal()));
        Assert.Equal("INV-7", lines[0].GetProperty("reference").GetString());
        Assert.Equal(other, lines[2].GetProperty("counterparty").GetString());
        Assert.Equal(50m, statement.GetProperty("totalIn").GetDecimal());
        Assert.Equal(50m, statement.GetProperty("totalOut").GetDecimal());
        Assert.Equal(100m, statement.GetProperty("closingBalance").GetDecimal());
        Assert.Equal(statement.GetProperty("openingBalance").GetDecimal() + lines.Sum(l => l.GetProperty("amount").GetDecimal()), statement.GetProperty("closingBalance").GetDecimal());
    }

    [Fact]
    public async Task StatementAsCsv_IsRfc4180_WithTheHeaderAndInvariantAmounts()
    {
        var (id, other) = await HistoryAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{id}/statement?from={Iso(Monday.AddDays(1))}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(
            "date,type,reference,description,counterparty,amount,balance\r\n" +
            "2026-03-03T09:00:00Z,MoneyDeposited,INV-7,\"Invoice 7, March\",,50.00,150.00\r\n" +
            "2026-03-04T09:00:00Z,MoneyWithdrawn,W-1,\"'=cash \"\"now\"\"\",,-30.00,120.00\r\n" +
            $"2026-03-05T09:00:00Z,TransferInitiated,T-1,Rent,{other},-20.00,100.00\r\n",
            text);
        var viaFormat = await Client.GetAsync($"/api/accounts/{id}/statement?from={Iso(Monday.AddDays(1))}&format=csv");
        Assert.Equal(text, await viaFormat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Statement_OfAnUnknownAccount_Is404_AndFromAfterTo_Is400()
    {
        await (await Client.GetAsync("/api/accounts/nobody/statement")).ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
        var (id, _) = await HistoryAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/statement?from={Iso(Monday.AddDays(2))}&to={Iso(Monday)}");

        await response.ValidationProblemAsync("from");
    }

    [Fact]
    public async Task Explain_UsesTheSnapshotAndReplaysTheEventsAfterIt_ToTheProjectionsFigure()
    {
        var (id, _) = await HistoryAsync();

        var now = await Client.GetJsonAsync($"/api/accounts/{id}/explain");
        var atTwo = await Client.GetJsonAsync($"/api/accounts/{id}/explain?version=2");

        Assert.Equal(4, now.GetProperty("version").GetInt64());
        Assert.Equal(100m, now.GetProperty("balance").GetDecimal());
        Assert.Equal(3, now.GetProperty("snapshotVersion").GetInt64());
        Assert.Equal([4L], now.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(100m, now.GetProperty("replayedBalance").GetDecimal());
        Assert.True(now.GetProperty("matches").GetBoolean());
        // The snapshot is newer than version 2, so that balance is replayed from the first event.
        Assert.Equal(JsonValueKind.Null, atTwo.GetProperty("snapshotVersion").ValueKind);
        Assert.Equal(2, atTwo.GetProperty("events").GetArrayLength());
        Assert.Equal(150m, atTwo.GetProperty("replayedBalance").GetDecimal());
        Assert.True(atTwo.GetProperty("matches").GetBoolean());
        await (await Client.GetAsync($"/api/accounts/{id}/explain?version=9")).ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task Compare_ListsEveryAccountAtEitherMoment_MarksOpenedAndClosed_AndTheRowsAddUpToTheTotals()
    {
        var (id, other) = await HistoryAsync();
        Clock.Set(Monday.AddDays(5));
        var late = Api.NewId("late");
        await Client.OpenAsync(late, 7m);
        await Client.OpenAsync(Api.NewId("yen"), 500m, "JPY");

        var compare = await Client.GetJsonAsync($"/api/compare?from={Iso(Monday.AddHours(12))}&to={Iso(Monday.AddDays(6))}");

        var rows = compare.GetProperty("accounts").EnumerateArray().ToDictionary(r => r.GetProperty("accountId").GetString()!);
        Assert.Equal(4, rows.Count);
        Assert.Equal(100m, rows[id].GetProperty("balanceFrom").GetDecimal());
        Assert.Equal(100m, rows[id].GetProperty("balanceTo").GetDecimal());
        Assert.Equal(3, rows[id].GetProperty("eventsBetween").GetInt64());
        Assert.Equal(JsonValueKind.Null, rows[late].GetProperty("balanceFrom").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[late].GetProperty("statusFrom").ValueKind);
        Assert.Equal(7m, rows[late].GetProperty("difference").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rows[other].GetProperty("balanceFrom").ValueKind);
        foreach (var total in compare.GetProperty("totals").EnumerateArray())
        {
            var currency = total.GetProperty("currency").GetString();
            var mine = rows.Values.Where(r => r.GetProperty("currency").GetString() == currency).ToArray();
            Assert.Equal(total.GetProperty("from").GetDecimal(), mine.Sum(r => r.GetProperty("balanceFrom").ValueKind == JsonValueKind.Null ? 0 : r.GetProperty("balanceFrom").GetDecimal()));
            Assert.Equal(total.GetProperty("to").GetDecimal(), mine.Sum(r => r.GetProperty("balanceTo").GetDecimal()));
            Assert.Equal(total.GetProperty("difference").GetDecimal(), mine.Sum(r => r.GetProperty("difference").GetDecimal()));
        }

        Assert.Equal(128m, compare.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("currency").GetString() == "EUR").GetProperty("to").GetDecimal());
    }

    [Fact]
    public async Task Compare_WithAClosedAccount_SaysSoAtTheSecondMoment()
    {
        Clock.Set(Monday);
        var id = Api.NewId("closing");
        await Client.OpenAsync(id, 10m);
        Clock.Set(Monday.AddDays(1));
        (await Client.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 10, transactionReference = "empty" })).EnsureSuccessStatusCode();
        (await Client.PostAsync($"/api/accounts/{id}/close", new { reason = "done" })).EnsureSuccessStatusCode();

        var compare = await Client.GetJsonAsync($"/api/compare?from={Iso(Monday.AddHours(1))}&to={Iso(Monday.AddDays(2))}");

        var row = compare.GetProperty("accounts").EnumerateArray().Single(r => r.GetProperty("accountId").GetString() == id);
        Assert.Equal("Active", row.GetProperty("statusFrom").GetString());
        Assert.Equal("Closed", row.GetProperty("statusTo").GetString());
        Assert.Equal(-10m, row.GetProperty("difference").GetDecimal());
        Assert.Equal(2, row.GetProperty("eventsBetween").GetInt64());
    }

    [Fact]
    public async Task Compare_WithoutFrom_Is400NamingIt()
    {
        await (await Client.GetAsync("/api/compare")).ValidationProblemAsync("from");
    }

    /// <summary>Backwards, every difference and "opened in between" would read the wrong way round: refused, as the statement refuses it.</summary>
    [Fact]
    public async Task Compare_FromAfterTo_OrInTheFuture_Is400NamingFrom()
    {
        var backwards = await (await Client.GetAsync($"/api/compare?from={Iso(Monday.AddDays(2))}&to={Iso(Monday)}")).ValidationProblemAsync("from");
        var future = await (await Client.GetAsync($"/api/compare?from={Iso(Clock.GetUtcNow().AddDays(3))}")).ValidationProblemAsync("from");

        Assert.Contains("'from' must not be after 'to'.", backwards.ToString(), StringComparison.Ordinal);
        Assert.Contains("'from' must not be after 'to' (now).", future.ToString(), StringComparison.Ordinal);
        await (await Client.GetAsync($"/api/compare?from={Iso(Monday)}&to={Iso(Monday)}")).OkJsonAsync();
    }

    /// <summary>
    /// Opened Monday 09:00Z with 100; +50 "INV-7" Tuesday; −30 Wednesday (a description a spreadsheet would run);
    /// −20 transfer "T-1" Thursday to an account opened that day. Four events, so a snapshot at 3.
    /// </summary>
    private async Task<(string Id, string Other)> HistoryAsync()
    {
        var (id, other) = (Api.NewId("stmt"), Api.NewId("other"));
        Clock.Set(Monday);
        await Client.OpenAsync(id, 100m);
        Clock.Set(Monday.AddDays(1));
        (await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 50, transactionReference = "INV-7", description = "Invoice 7, March" })).EnsureSuccessStatusCode();
        Clock.Set(Monday.AddDays(2));
        (await Client.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 30, transactionReference = "W-1", description = "=cash \"now\"" })).EnsureSuccessStatusCode();
        Clock.Set(Monday.AddDays(3));
        await Client.OpenAsync(other, 1m);
        (await Client.PostAsync("/api/transfers", new { transferId = "T-1", fromAccountId = id, toAccountId = other, amount = 20, description = "Rent" })).EnsureSuccessStatusCode();
        return (id, other);
    }
}
