using FleetKeys.Cluster.Projections.Queries;

namespace FleetKeys.Cluster.Tests.ReadSide;

/// <summary>The one paging type of every list: bounded, so its offset — computed in 64 bits — always fits a query.</summary>
public sealed class PagingTests
{
    [Fact]
    public void The_furthest_page_has_an_offset_computed_without_wrapping_that_a_query_takes()
    {
        var furthest = new Paging(Paging.MaxPage, Paging.MaxPageSize);

        Assert.Equal((long)(Paging.MaxPage - 1) * Paging.MaxPageSize, furthest.Offset);
        Assert.True(furthest.Offset + Paging.MaxPageSize <= int.MaxValue);
    }

    [Fact]
    public void The_offset_is_the_items_on_the_pages_before()
    {
        Assert.Equal(0, new Paging(1, 50).Offset);
        Assert.Equal(400, new Paging(5, 100).Offset);
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(-1, 50)]
    [InlineData(Paging.MaxPage + 1, 1)]
    [InlineData(int.MaxValue, 1)]
    [InlineData(1, 0)]
    [InlineData(1, Paging.MaxPageSize + 1)]
    public void A_page_out_of_bounds_cannot_be_asked_for(int page, int pageSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Paging(page, pageSize));
}
