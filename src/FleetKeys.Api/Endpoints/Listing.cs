using FleetKeys.Cluster.Projections.Queries;

namespace FleetKeys.Api.Endpoints;

/// <summary>Every list answers in pages: the items, which page, its size, and how many items match in all.</summary>
public sealed record Listing<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public static Listing<T> Of<TRow>(Paged<TRow> paged, Func<TRow, T> view) =>
        new([.. paged.Items.Select(view)], paged.Page, paged.PageSize, paged.Total);
}
