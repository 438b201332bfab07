namespace Ledger.Api.Tests.Inspection;

/// <summary>
/// What a statement says about its own period and shape: without 'from' it starts at the account's opening
/// (not at the databases' earliest storable instant), and 'format' is json or csv, anything else refused.
/// </summary>
public sealed class StatementPeriodAndFormatTests : ClockedApiTest
{
    [Fact]
    public async Task WithoutFrom_TheStatementStartsAtTheAccountsOpening()
    {
        var id = await OpenedMondayDepositedTuesdayAsync();

        var statement = await Client.GetJsonAsync($"/api/accounts/{id}/statement?to={Iso(Monday.AddDays(2))}");

        Assert.Equal(Monday, statement.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Monday.AddDays(2), statement.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(0m, statement.GetProperty("openingBalance").GetDecimal());
        Assert.Equal(2, statement.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task WithoutFrom_TheCsvFileIsNamedFromTheOpeningDay()
    {
        var id = await OpenedMondayDepositedTuesdayAsync();

        var csv = await Client.GetAsync($"/api/accounts/{id}/statement?to={Iso(Monday.AddDays(2))}&format=csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"statement-{id}-20260302-20260304.csv", csv.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task WithoutFrom_BeforeTheAccountOpened_TheStatementIsTheEmptyPeriodAtTo()
    {
        var id = await OpenedMondayDepositedTuesdayAsync();

        var statement = await Client.GetJsonAsync($"/api/accounts/{id}/statement?to={Iso(Monday.AddHours(-1))}");

        Assert.Equal(Monday.AddHours(-1), statement.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Monday.AddHours(-1), statement.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(0, statement.GetProperty("lines").GetArrayLength());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("pdf")]
    public async Task AnUnknownFormat_Is400NamingFormat_AndListsTheAcceptedOnes(string format)
    {
        var id = await OpenedMondayDepositedTuesdayAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/statement?format={format}");

        var problem = await response.ValidationProblemAsync("format");
        Assert.Equal("'format' must be one of: json, csv.", problem.GetProperty("errors").GetProperty("format")[0].GetString());
    }

    [Fact]
    public async Task FormatJson_AnswersJson_EvenWhenAcceptAsksForCsv()
    {
        var id = await OpenedMondayDepositedTuesdayAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{id}/statement?format=JSON");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var statement = await (await Client.SendAsync(request)).OkJsonAsync();

        Assert.Equal(id, statement.GetProperty("accountId").GetString());
    }

    private async Task<string> OpenedMondayDepositedTuesdayAsync()
    {
        var id = await Client.OpenNewAsync(0m);
        Clock.Set(Monday.AddDays(1));
        await Client.DepositAsync(id, 25m);
        return id;
    }
}
