namespace Ledger.Api.Tests.Protocol;

/// <summary>Every way a command body can be wrong is a 400 validation_failed naming the field, and writes nothing.</summary>
public sealed class BodyValidationTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Deposit = "/api/accounts/{id}/deposits";
    private const string Withdraw = "/api/accounts/{id}/withdrawals";
    private const string Close = "/api/accounts/{id}/close";
    private const string Open = "/api/accounts";
    private const string Transfer = "/api/transfers";

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        // Not JSON, or not an object.
        { Deposit, "{\"amount\": 10,", "body" },
        { Deposit, "", "body" },
        { Deposit, "[1, 2]", "body" },
        { Deposit, "\"just a string\"", "body" },
        { Deposit, "null", "body" },
        { Deposit, "{'amount': 10}", "body" },
        { Deposit, new string('[', 100) + new string(']', 100), "body" },
        // Wrong JSON types.
        { Deposit, "{\"amount\": \"10\", \"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": true, \"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": [10], \"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": 1e400, \"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": 10, \"transactionReference\": 42}", "transactionReference" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"EUR\", \"initialDeposit\": {}}", "initialDeposit" },
        // Missing fields.
        { Deposit, "{\"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": null, \"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": 10}", "transactionReference" },
        { Deposit, "{\"amount\": 10, \"transactionReference\": \"  \"}", "transactionReference" },
        { Withdraw, "{\"transactionReference\": \"r\"}", "amount" },
        { Close, "{}", "reason" },
        { Open, "{\"currency\": \"EUR\", \"initialDeposit\": 0}", "holderId" },
        { Open, "{\"holderId\": \"h\", \"initialDeposit\": 0}", "currency" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"EUR\"}", "initialDeposit" },
        { Transfer, "{\"fromAccountId\": \"{id}\", \"amount\": 1}", "toAccountId" },
        { Transfer, "{\"toAccountId\": \"{id}\", \"amount\": 1}", "fromAccountId" },
        { Transfer, "{\"fromAccountId\": \"{id}\", \"toAccountId\": \"other\"}", "amount" },
        // Badly formed values.
        { Deposit, "{\"amount\": 0, \"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": -5, \"transactionReference\": \"r\"}", "amount" },
        { Withdraw, "{\"amount\": -0.01, \"transactionReference\": \"r\"}", "amount" },
        { Transfer, "{\"fromAccountId\": \"{id}\", \"toAccountId\": \"other\", \"amount\": 0}", "amount" },
        { Open, "{\"accountId\": \"has space\", \"holderId\": \"h\", \"currency\": \"EUR\", \"initialDeposit\": 0}", "accountId" },
        { Open, "{\"accountId\": \"" + new string('a', 65) + "\", \"holderId\": \"h\", \"currency\": \"EUR\", \"initialDeposit\": 0}", "accountId" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"EUR\", \"initialDeposit\": -1}", "initialDeposit" },
        { Transfer, "{\"transferId\": \"no/slashes\", \"fromAccountId\": \"{id}\", \"toAccountId\": \"other\", \"amount\": 1}", "transferId" },
        // Too many decimals for the currency, or for any exact amount.
        { Deposit, "{\"amount\": 1.001, \"transactionReference\": \"r\"}", "amount" },
        { "/api/accounts/{jpy}/deposits", "{\"amount\": 1.5, \"transactionReference\": \"r\"}", "amount" },
        { Withdraw, "{\"amount\": 0.001, \"transactionReference\": \"r\"}", "amount" },
        { Deposit, "{\"amount\": 1.0000000000000000000000000000001, \"transactionReference\": \"r\"}", "amount" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"EUR\", \"initialDeposit\": 0.005}", "initialDeposit" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"KWD\", \"initialDeposit\": 0.0001}", "initialDeposit" },
        // Unknown currencies.
        { Open, "{\"holderId\": \"h\", \"currency\": \"EUX\", \"initialDeposit\": 0}", "currency" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"eur\", \"initialDeposit\": 0}", "currency" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"\", \"initialDeposit\": 0}", "currency" },
        // Strings too long.
        { Open, "{\"holderId\": \"" + new string('h', 101) + "\", \"currency\": \"EUR\", \"initialDeposit\": 0}", "holderId" },
        { Open, "{\"holderId\": \"h\", \"holderName\": \"" + new string('n', 201) + "\", \"currency\": \"EUR\", \"initialDeposit\": 0}", "holderName" },
        { Deposit, "{\"amount\": 1, \"transactionReference\": \"" + new string('r', 101) + "\"}", "transactionReference" },
        { Deposit, "{\"amount\": 1, \"transactionReference\": \"r\", \"description\": \"" + new string('d', 501) + "\"}", "description" },
        { Close, "{\"reason\": \"" + new string('r', 501) + "\"}", "reason" },
        { Close, "{\"reason\": \"r\", \"closedBy\": \"" + new string('c', 101) + "\"}", "closedBy" },
        { Transfer, "{\"fromAccountId\": \"{id}\", \"toAccountId\": \"other\", \"amount\": 1, \"description\": \"" + new string('d', 501) + "\"}", "description" },
        // Control characters, unknown and repeated fields.
        { Deposit, "{\"amount\": 1, \"transactionReference\": \"a\\u0000b\"}", "transactionReference" },
        { Deposit, "{\"amount\": 1, \"transactionReference\": \"r\", \"ammount\": 2}", "ammount" },
        { Deposit, "{\"amount\": 1, \"amount\": 1000, \"transactionReference\": \"r\"}", "amount" },
        { Open, "{\"holderId\": \"h\", \"currency\": \"EUR\", \"initialDeposit\": 0, \"expectedVersion\": 0}", "expectedVersion" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidBody_Is400ValidationFailed_NamingTheField_AndWritesNothing(string route, string body, string field)
    {
        var (url, json) = await ResolveAsync(route, body);

        var response = await Client.RefusedAsync(c => c.PostRawAsync(url, json));

        await response.ValidationProblemAsync(field);
    }

    [Fact]
    public async Task BodyThatIsNotJsonContent_Is400NamingTheBody()
    {
        var (url, json) = await ResolveAsync(Deposit, "{\"amount\": 1, \"transactionReference\": \"r\"}");

        var response = await Client.RefusedAsync(c => c.PostAsync(url, new StringContent(json, Encoding.UTF8, "text/plain")));

        await response.ValidationProblemAsync("body");
    }

    [Fact]
    public async Task BodyThatIsNotUtf8_Is400NamingTheBody()
    {
        var (url, _) = await ResolveAsync(Deposit, "");
        var bytes = Encoding.UTF8.GetBytes("{\"amount\": 1, \"transactionReference\": \"r\u00e9\"}");
        bytes[^3] = 0xFF;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var response = await Client.RefusedAsync(c => c.PostAsync(url, content));

        await response.ValidationProblemAsync("body");
    }

    [Fact]
    public async Task OversizedBody_Is400NamingTheBody_BeforeItIsParsed()
    {
        var (url, _) = await ResolveAsync(Deposit, "");
        var json = "{\"amount\": 1, \"transactionReference\": \"r\", \"description\": \"" + new string('x', 70_000) + "\"}";

        var response = await Client.RefusedAsync(c => c.PostRawAsync(url, json));

        var problem = await response.ValidationProblemAsync("body");
        Assert.Contains("64 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedChunkedBody_WithoutContentLength_Is400NamingTheBody()
    {
        var (url, _) = await ResolveAsync(Deposit, "");
        var bytes = Encoding.UTF8.GetBytes("{\"amount\": 1, \"transactionReference\": \"r\", \"description\": \"" + new string('x', 200_000) + "\"}");
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new("application/json");

        var response = await Client.RefusedAsync(c => c.PostAsync(url, content));

        await response.ValidationProblemAsync("body");
    }

    [Fact]
    public async Task BodyJustUnderTheLimit_IsReadAndJudgedOnItsFields()
    {
        var (url, _) = await ResolveAsync(Deposit, "");
        var json = "{\"amount\": 1, \"transactionReference\": \"r\", \"description\": \"" + new string('x', 60_000) + "\"}";

        var response = await Client.RefusedAsync(c => c.PostRawAsync(url, json));

        await response.ValidationProblemAsync("description");
    }

    [Theory]
    [InlineData("lone\\ud800")]
    [InlineData("\\udc00 behind")]
    public async Task HalfOfASurrogatePair_IsNamedAsSuch_NotAsAWrongType(string reference)
    {
        var (url, body) = await ResolveAsync(Deposit, "{\"amount\": 1, \"transactionReference\": \"" + reference + "\"}");

        var response = await Client.RefusedAsync(c => c.PostAsync(url, Api.JsonContent(body)));

        var problem = await response.ValidationProblemAsync("transactionReference");
        Assert.Equal("'transactionReference' contains half of a character: a \\u escape for one half of a UTF-16 surrogate pair without the other.", problem.GetProperty("detail").GetString());
    }

    private async Task<(string Url, string Body)> ResolveAsync(string route, string body)
    {
        var id = await Client.OpenNewAsync(100m, "EUR");
        var jpy = Api.NewId();
        if (route.Contains("{jpy}", StringComparison.Ordinal))
        {
            await Client.OpenAsync(jpy, 100m, "JPY");
        }

        return (route.Replace("{id}", id, StringComparison.Ordinal).Replace("{jpy}", jpy, StringComparison.Ordinal),
            body.Replace("{id}", id, StringComparison.Ordinal));
    }

    /// <summary>A body whose length is not known up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
