using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// A person's export as an answer, JSON or CSV, or a 404 naming an unknown person: the one way the API
/// (<c>GET /api/v1/people/{id}/export</c>) and the management port (<c>fleetctl people export</c>) give it out.
/// </summary>
public sealed class PersonExports(FleetAdmin admin, CustodyQueries custody, PersonalDataQueries personal, IEnumerable<IPersonalDataSource> sources,
    TimeProvider clock)
{
    public async Task<IResult> Answer(PersonId id, ExportFormat format, CancellationToken cancellationToken)
    {
        var found = await admin.GetPerson(id);
        if (found.Value is not { } person) return RejectionResults.Problem(found.Rejection!);
        var export = await PersonExport.Of(person, clock.GetUtcNow(), custody, personal, sources, cancellationToken);
        return format == ExportFormat.Csv
            ? Csv.Of($"person-{id}.csv", PersonExport.CsvHeader, export.CsvLines())
            : Results.Ok(export);
    }
}
