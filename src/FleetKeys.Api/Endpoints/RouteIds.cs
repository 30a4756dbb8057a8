using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>An id in a URL that cannot be valid cannot name anything that exists: it is a 404, not a 400.</summary>
public static class RouteIds
{
    public static bool TryParse<T>(string raw, string what, out T id, out IResult notFound) where T : IStringId<T>
    {
        try
        {
            id = T.Parse(raw);
            notFound = null!;
            return true;
        }
        catch (FormatException)
        {
            id = default!;
            notFound = Problems.RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"{what} '{raw}' does not exist"));
            return false;
        }
    }
}
