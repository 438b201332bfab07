using Ledger.Web.Components.Pages.Accounts.TimeTravel;

namespace Ledger.Web.Tests.TimeTravel;

/// <summary>The time-travel cursor on its own: every move, play and the "as of" instant, without Blazor or a database.</summary>
public sealed class TimeTravelCursorTests
{
    [Fact]
    public void New_IsLive_AtTheHead()
    {
        var cursor = new TimeTravelCursor(5);

        Assert.True(cursor.IsLive);
        Assert.Equal((null, 5, 0), (cursor.Pinned, cursor.Position, cursor.NewerEvents));
        Assert.False(cursor.Playing);
        Assert.True(cursor.CanStepBack);
        Assert.False(cursor.CanStepForward);
        Assert.Equal(1, new TimeTravelCursor(0).Head);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(0, 1)]
    [InlineData(-7, 1)]
    [InlineData(99, 5)]
    public void PinAt_ClampsToTheHistory(long asked, long pinned)
    {
        var cursor = new TimeTravelCursor(5);

        Assert.Equal(pinned, cursor.PinAt(asked));
        Assert.Equal(pinned, cursor.Position);
        Assert.False(cursor.IsLive);
        Assert.Equal(pinned < 5, cursor.CanStepForward);
    }

    [Fact]
    public void StepBack_GoesFromLiveDownToTheFirstEvent_AndStaysThere()
    {
        var cursor = new TimeTravelCursor(3);

        Assert.Equal([2L, 1L, 1L], [cursor.StepBack(), cursor.StepBack(), cursor.StepBack()]);
        Assert.False(cursor.CanStepBack);
    }

    [Fact]
    public void StepForward_FromLive_DoesNothing_AndFromAPin_StopsPinnedAtTheHead()
    {
        var cursor = new TimeTravelCursor(3);
        var generation = cursor.Generation;

        Assert.Null(cursor.StepForward());
        Assert.Equal(generation, cursor.Generation);
        cursor.First();
        Assert.True(cursor.CanStepForward);
        Assert.Equal([2L, 3L, 3L], [cursor.StepForward()!.Value, cursor.StepForward()!.Value, cursor.StepForward()!.Value]);
        Assert.False(cursor.IsLive);
        // Pinned at the newest event the button is off: it did nothing there.
        Assert.False(cursor.CanStepForward);
    }

    [Fact]
    public void GoLive_UnpinsStopsPlayingAndForgetsNewerEvents()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.StartPlaying();
        cursor.HeadMoved(6);

        cursor.GoLive();

        Assert.Equal((true, 6L, false, false), (cursor.IsLive, cursor.Position, cursor.Playing, cursor.NewerEventsArrived));
        Assert.Equal(0, cursor.NewerEvents);
    }

    [Fact]
    public void HeadMoved_WhenLive_FollowsTheNewEvents()
    {
        var cursor = new TimeTravelCursor(5);

        cursor.HeadMoved(7);

        Assert.Equal((true, 7L, false), (cursor.IsLive, cursor.Position, cursor.NewerEventsArrived));
    }

    [Theory]
    [InlineData(8, 2, true, 6)]
    [InlineData(5, 2, false, 3)]
    [InlineData(1, 1, true, 0)]
    public void HeadMoved_WhenPinned_StaysPut_AndSaysWhetherAnythingHappened(long head, long pinned, bool arrived, long newer)
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(2);

        cursor.HeadMoved(head);

        Assert.Equal((pinned, arrived, newer), (cursor.Position, cursor.NewerEventsArrived, cursor.NewerEvents));
    }

    [Fact]
    public void IsCurrent_OnlyForTheLatestMove()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(2);
        var first = cursor.Generation;
        cursor.PinAt(3);

        Assert.False(cursor.IsCurrent(first));
        Assert.True(cursor.IsCurrent(cursor.Generation));
        var before = cursor.Generation;
        cursor.GoLive();
        Assert.False(cursor.IsCurrent(before));
    }

    [Theory]
    [InlineData(null, 1L, 1L)]
    [InlineData(3L, null, 3L)]
    [InlineData(5L, 1L, 1L)]
    public void StartPlaying_FromLiveOrTheEnd_StartsOver_AndFromTheMiddle_GoesOn(long? pinnedAt, long? movedTo, long position)
    {
        var cursor = new TimeTravelCursor(5);
        if (pinnedAt is { } version)
        {
            cursor.PinAt(version);
        }

        Assert.Equal(movedTo, cursor.StartPlaying());
        Assert.Equal(position, cursor.Position);
        Assert.True(cursor.Playing);
    }

    [Fact]
    public void Play_OnAShortHistory_StepsOneEventAtATime_AndStopsAtTheEnd()
    {
        var cursor = new TimeTravelCursor(4);
        cursor.StartPlaying();

        Assert.Equal([2L, 3L, 4L], [cursor.PlayStep()!.Value, cursor.PlayStep()!.Value, cursor.PlayStep()!.Value]);
        Assert.Null(cursor.PlayStep());
        Assert.Equal((false, 4L), (cursor.Playing, cursor.Pinned));
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
    public void Play_WhenStoppedOrLive_TakesNoStep()
    {
        var cursor = new TimeTravelCursor(50);
        Assert.Null(cursor.PlayStep());
        cursor.StartPlaying();
        cursor.PlayStep();

        cursor.StopPlaying();

        Assert.Null(cursor.PlayStep());
        Assert.Equal(2, cursor.Pinned);
        cursor.StartPlaying();
        cursor.GoLive();
        Assert.Null(cursor.PlayStep());
        Assert.True(cursor.IsLive);
    }
}
