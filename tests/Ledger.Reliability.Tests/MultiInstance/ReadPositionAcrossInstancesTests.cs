namespace Ledger.Reliability.Tests.MultiInstance;

/// <summary>
/// Read-your-writes behind a load balancer: a client deposits through one instance and reads the balance
/// through the other at once, passing the deposit's Ledger-Position along. The other instance's read model
/// follows the first's commits within milliseconds (a NOTIFY, then whoever leads applies them), so without the
/// header a read right after the answer may miss the deposit; with it, the read waits until it cannot.
/// </summary>
public sealed class ReadPositionAcrossInstancesTests(ITestOutputHelper output)
{
    private const int Rounds = 80;

    [PostgresOnlyFact(Instances.Why)]
    public async Task ADepositThroughOneInstance_IsInTheBalanceReadThroughTheOther_WhenTheReadNamesItsPosition()
    {
        await using var instances = await Instances.StartAsync(2);
        await instances.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        // Each way round: written where the projections are applied and read on the other instance, and the reverse.
        var accounts = new[] { "RP-0", "RP-1" };
        for (var a = 0; a < accounts.Length; a++)
        {
            using var opened = await Instances.PostAsync(instances.Clients[a], "/api/accounts", new { accountId = accounts[a], holderId = "rp", currency = "EUR", initialDeposit = 0 }, $"open-{a}");
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        await instances.WaitForNoLagAsync(TimeSpan.FromSeconds(10));
        var staleWithout = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // Rounds go each way round, and alternate between a plain read and a read naming the position, each the
            // first read after its deposit (a read before it would give the other instance time to catch up).
            var a = round % 2;
            var naming = round / 2 % 2 == 1;
            var (writer, reader) = (instances.Clients[a], instances.Clients[1 - a]);
            var key = $"rp-{round}";
            using var deposited = await Instances.PostAsync(writer, $"/api/accounts/{accounts[a]}/deposits", new { amount = 1, transactionReference = key }, key);
            Assert.Equal(HttpStatusCode.OK, deposited.StatusCode);
            var expected = round / 2 + 1;
            if (!naming)
            {
                // Told nothing, the other instance answers from its read model as it is: counted, not asserted.
                staleWithout += await Instances.BalanceAsync(reader, accounts[a]) == expected ? 0 : 1;
                continue;
            }

            using var read = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/accounts/{accounts[a]}", UriKind.Relative));
            read.Headers.Add("Ledger-Position", Instances.Position(deposited).ToString(CultureInfo.InvariantCulture));
            using var answer = await reader.SendAsync(read);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            using var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            Assert.Equal(expected, document.RootElement.GetProperty("balance").GetDecimal());
        }

        output.WriteLine($"{staleWithout} of {Rounds / 2} reads without the header missed the deposit just answered on the other instance");
    }
}
