using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>
/// Which page of a list (from 1) and how long pages are: the one paging type of every list. The offset is computed in
/// 64 bits, and pages are bounded so that it always fits the 32-bit offset LINQ takes — a page number that would wrap
/// (page × pageSize beyond 2³¹) can never reach a query.
/// </summary>
public sealed record Paging
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    /// <summary>The furthest page at the largest page size that still has an offset below 2³¹.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public Paging(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, MaxPage);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        Page = page;
        PageSize = pageSize;
    }

    public int Page { get; }

    public int PageSize { get; }

    /// <summary>How many items come before this page.</summary>
    public long Offset => (long)(Page - 1) * PageSize;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class PagingExtensions
{
    public static async Task<Paged<T>> ToPaged<T>(this IQueryable<T> query, Paging paging, CancellationToken cancellationToken)
    {
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.Skip(checked((int)paging.Offset)).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, paging.Page, paging.PageSize, total);
    }
}
