using FleetKeys.Api.Binding;
using FleetKeys.Cluster.Projections.Queries;

namespace FleetKeys.Api.Endpoints;

/// <summary>Which page of a list: "page" (from 1) and "pageSize" (50 unless said otherwise), the same on every list.</summary>
public sealed record PageQuery(Paging Paging) : Query<PageQuery>, IQuery<PageQuery>
{
    public static PageQuery Read(QueryArguments query) => new(query.Paging());
}
