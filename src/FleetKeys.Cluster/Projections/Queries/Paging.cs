using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>Which page of a list (from 1) and how long pages are.</summary>
public sealed record Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class PagingExtensions
{
    public static async Task<Paged<T>> ToPaged<T>(this IQueryable<T> query, Paging paging, CancellationToken cancellationToken)
    {
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, paging.Page, paging.PageSize, total);
    }
}
