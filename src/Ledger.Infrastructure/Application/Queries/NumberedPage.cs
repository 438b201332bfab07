namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// One page of a gap-free sequence numbered 1..head (an account's versions, a stream's versions, the
/// global positions) as the range of numbers it holds. Reading that range is one index seek, where
/// COUNT plus OFFSET steps over every row before the page: fast on page 1, slow on page 4,000.
/// </summary>
internal readonly record struct NumberedPage(long From, long To)
{
    public bool IsEmpty => From > To;

    public static NumberedPage Of(long head, int page, int pageSize, bool newestFirst)
    {
        var skip = (long)(Math.Max(1, page) - 1) * pageSize;
        if (skip >= head)
        {
            return new NumberedPage(1, 0);
        }

        return newestFirst
            ? new NumberedPage(Math.Max(1, head - skip - pageSize + 1), head - skip)
            : new NumberedPage(skip + 1, Math.Min(head, skip + pageSize));
    }

    /// <summary><see cref="ResultPage{T}.Total"/> is an int; a sequence longer than that still pages by its numbers.</summary>
    public static int Total(long head) => (int)Math.Min(head, int.MaxValue);
}
