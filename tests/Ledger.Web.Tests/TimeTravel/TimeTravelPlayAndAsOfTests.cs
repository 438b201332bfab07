using Ledger.Web.Components.Pages.Accounts.TimeTravel;

namespace Ledger.Web.Tests.TimeTravel;

/// <summary>The time-travel cursor playing through a history, and the instant an "as of" date and time mean.</summary>
public sealed class TimeTravelPlayAndAsOfTests
{
    [Fact]
    public void StartPlaying_FromLive_StartsAtTheFirstEvent()
    {
        var cursor = new TimeTravelCursor(5);

        Assert.Equal(1, cursor.StartPlaying());
        Assert.True(cursor.Playing);
    }

    [Fact]
    public void StartPlaying_FromTheMiddle_ContinuesFromThere()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(3);

        Assert.Null(cursor.StartPlaying());
        Assert.Equal(3, cursor.Position);
        Assert.True(cursor.Playing);
    }

    [Fact]
    public void StartPlaying_AtTheEnd_StartsOver()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(5);

        Assert.Equal(1, cursor.StartPlaying());
    }

    [Fact]
    public void PlayStep_WhenNotPlaying_DoesNothing()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(2);

        Assert.Null(cursor.PlayStep());
        Assert.Equal(2, cursor.Position);
    }

    [Fact]
    public void Play_OnAShortHistory_StepsOneEventAtATime_AndStopsAtTheEnd()
    {
        var cursor = new TimeTravelCursor(4);
        cursor.StartPlaying();

        Assert.Equal(2, cursor.PlayStep());
        Assert.Equal(3, cursor.PlayStep());
        Assert.Equal(4, cursor.PlayStep());
        Assert.Null(cursor.PlayStep());
        Assert.False(cursor.Playing);
        Assert.Equal(4, cursor.Pinned);
    }

    [Theory]
    [InlineData(3_000)]
    [InlineData(10_007)]
    [InlineData(1_000_000)]
    public void Play_OnALongHistory_TakesAbout150Steps_AndEndsExactlyAtTheHead(long head)
    {
        var cursor = new TimeTravelCursor(head);
        cursor.StartPlaying();
        var steps = 0;
        long last = 1;

        while (cursor.PlayStep() is { } next)
        {
            Assert.True(next > last, $"step {steps} went from {last} to {next}");
            last = next;
            steps++;
        }

        Assert.InRange(steps, TimeTravelCursor.PlaySteps - 5, TimeTravelCursor.PlaySteps + 5);
        Assert.Equal(head, last);
    }

    [Fact]
    public void Play_AfterGoingLive_IsOver()
    {
        var cursor = new TimeTravelCursor(50);
        cursor.StartPlaying();
        cursor.GoLive();

        Assert.Null(cursor.PlayStep());
        Assert.True(cursor.IsLive);
    }

    [Fact]
    public void StopPlaying_KeepsThePosition()
    {
        var cursor = new TimeTravelCursor(50);
        cursor.StartPlaying();
        cursor.PlayStep();

        cursor.StopPlaying();

        Assert.False(cursor.Playing);
        Assert.Equal(2, cursor.Pinned);
        Assert.Null(cursor.PlayStep());
    }

    [Fact]
    public void AsOf_ADateAndTime_IsThatMomentInTheZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Plus2", TimeSpan.FromHours(2), "Plus2", "Plus2");

        var at = TimeTravelCursor.AsOf(new DateTime(2024, 2, 20, 17, 45, 0), new TimeSpan(9, 30, 0), zone);

        Assert.Equal(new DateTimeOffset(2024, 2, 20, 9, 30, 0, TimeSpan.FromHours(2)), at);
        Assert.Equal(new DateTimeOffset(2024, 2, 20, 7, 30, 0, TimeSpan.Zero), at.ToUniversalTime());
    }

    [Fact]
    public void AsOf_ADateWithoutTime_IsTheEndOfThatDay()
    {
        var at = TimeTravelCursor.AsOf(new DateTime(2024, 2, 20), null, TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2024, 2, 20, 23, 59, 59, TimeSpan.Zero), at);
    }

    [Fact]
    public void AsOf_FollowsDaylightSavingTime_AndUsesTheStandardOffsetInTheSkippedHour()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var summer = TimeTravelCursor.AsOf(new DateTime(2024, 7, 1), new TimeSpan(12, 0, 0), berlin);
        var winter = TimeTravelCursor.AsOf(new DateTime(2024, 1, 1), new TimeSpan(12, 0, 0), berlin);
        var skipped = TimeTravelCursor.AsOf(new DateTime(2024, 3, 31), new TimeSpan(2, 30, 0), berlin);

        Assert.Equal(TimeSpan.FromHours(2), summer.Offset);
        Assert.Equal(TimeSpan.FromHours(1), winter.Offset);
        Assert.Equal(TimeSpan.FromHours(1), skipped.Offset);
    }
}
