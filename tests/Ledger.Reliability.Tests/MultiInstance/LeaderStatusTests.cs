namespace Ledger.Reliability.Tests.MultiInstance;

/// <summary>
/// <c>GET /api/status</c> on each instance says who applies the projections: exactly one says itself, the
/// other says another instance does; when the leader dies, the survivor says itself within 5 seconds.
/// </summary>
public sealed class LeaderStatusTests
{
    [PostgresOnlyFact(Instances.Why)]
    public async Task ExactlyOneOfTwoInstancesReportsLeading_AndTheOtherReportsItAfterTheLeaderIsKilled()
    {
        await using var instances = await Instances.StartAsync(2);
        var (leader, _) = await instances.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
        var follower = instances.Apps.Single(a => a != leader);

        // The leader's lock is taken before the instance knows it leads: wait for both to say so.
        var leaderSays = await UntilAsync(instances.ClientOf(leader), s => s.GetProperty("thisInstance").GetBoolean(), TimeSpan.FromSeconds(5));
        var followerSays = await StatusAsync(instances.ClientOf(follower));
        Assert.True(leaderSays.GetProperty("elected").GetBoolean());
        Assert.False(leaderSays.GetProperty("otherInstanceLeads").GetBoolean());
        Assert.True(followerSays.GetProperty("elected").GetBoolean());
        Assert.False(followerSays.GetProperty("thisInstance").GetBoolean());
        Assert.True(followerSays.GetProperty("otherInstanceLeads").GetBoolean());
        Assert.Equal(0, followerSays.GetProperty("lagEvents").GetInt64());

        await leader.KillAsync();

        var takenOver = await UntilAsync(instances.ClientOf(follower), s => s.GetProperty("thisInstance").GetBoolean(), TimeSpan.FromSeconds(5));
        Assert.False(takenOver.GetProperty("otherInstanceLeads").GetBoolean());
        Assert.Same(follower, instances.Leader());
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
        return document.RootElement.GetProperty("projectionLeader").Clone();
    }

    private static async Task<JsonElement> UntilAsync(HttpClient http, Func<JsonElement, bool> condition, TimeSpan deadline)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var status = await StatusAsync(http);
            if (condition(status))
            {
                return status;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < deadline, $"the status still said {status} after {deadline}");
            await Task.Delay(50);
        }
    }
}
