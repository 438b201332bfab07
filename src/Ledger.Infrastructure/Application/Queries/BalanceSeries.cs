namespace Ledger.Infrastructure.Application.Queries;

internal static class BalanceSeries
{
    /// <summary>
    /// <paramref name="points"/> versions spread evenly over 1..<paramref name="head"/>, always the first and the
    /// last, ascending and distinct (needs head &gt; points &gt;= 2).
    /// </summary>
    public static long[] Versions(long head, int points)
    {
        var versions = new long[points];
        for (var i = 0; i < points; i++)
        {
            // Integer arithmetic, so the last one is exactly the head; the step is at least 1, so none repeat.
            versions[i] = 1 + (i * (head - 1) / (points - 1));
        }

        return versions;
    }
}
