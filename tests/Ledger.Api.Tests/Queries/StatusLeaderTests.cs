using System.Diagnostics;

namespace Ledger.Api.Tests.Queries;

/// <summary><c>GET /api/status</c> says whether this instance applies the projections, with their lag (shared/API.md, Additions).</summary>
public sealed class StatusLeaderTests : OwnAppApiTest
{
    [Fact]
    public async Task Status_OfALoneInstance_SaysItAppliesTheProjections_WithTheirLag()
    {
        await Client.OpenAsync("lead-1", 10m);

        // On PostgreSQL the instance is elected a moment after it starts; on SQLite it always leads.
        var status = await UntilLeadingAsync(Client);

        var leader = status.GetProperty("projectionLeader");
        var postgres = status.GetProperty("database").GetProperty("provider").GetString() == "postgres";
        Assert.Equal(postgres, leader.GetProperty("elected").GetBoolean());
        Assert.Equal(postgres ? JsonValueKind.False : JsonValueKind.Null, leader.GetProperty("otherInstanceLeads").ValueKind);
        Assert.Equal(postgres ? JsonValueKind.String : JsonValueKind.Null, leader.GetProperty("since").ValueKind);
        Assert.Equal(status.GetProperty("projections").EnumerateArray().Max(p => p.GetProperty("lagEvents").GetInt64()), leader.GetProperty("lagEvents").GetInt64());
        Assert.Equal(["eventCount", "headPosition", "projections", "database", "quarantined", "projectionLeader"], status.EnumerateObject().Select(p => p.Name).ToArray());
    }

    private static async Task<JsonElement> UntilLeadingAsync(HttpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var status = await client.GetJsonAsync("/api/status");
            if (status.GetProperty("projectionLeader").GetProperty("thisInstance").GetBoolean())
            {
                return status;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), $"not leading after 10 s: {status}");
            await Task.Delay(50);
        }
    }
}
