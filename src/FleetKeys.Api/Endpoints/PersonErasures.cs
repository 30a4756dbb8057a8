using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// A person's erasure (issue #23), the one way the API (<c>POST /api/v1/people/{id}/erase</c>) and SCIM (when told to
/// erase on delete) do it: the person records it (refused while they hold a key), their key is destroyed — which makes
/// every personal field of theirs in the journal and the audit unreadable without changing a stored byte — and the read
/// side and every other store that keeps something about them forget it. Asking again redoes what a failure left undone.
/// </summary>
public sealed class PersonErasures(FleetAdmin admin, PersonKeys keys, ReadSideErasure readSide, IEnumerable<IPersonalDataSource> sources)
{
    public async Task<IResult> Answer(PersonId id, string reason, string by, CancellationToken cancellationToken) =>
        (await Erase(id, reason, by, cancellationToken)).ToResult(Results.Ok);

    public async Task<Outcome<PersonErasure>> Erase(PersonId id, string reason, string by, CancellationToken cancellationToken)
    {
        var erased = await admin.ErasePerson(id, reason, by);
        if (erased.Rejection is { } refused) return refused;
        await keys.Erase(id, cancellationToken);
        foreach (var source in sources) await source.Erase(id, cancellationToken);
        await readSide.Erase(id, cancellationToken);
        return new(new PersonErasure(id.Value, erased.Value!.Name, by, reason), null);
    }
}

/// <summary>What an erasure answers: who was erased, how they are shown from now on, and the erasure's own record.</summary>
public sealed record PersonErasure(string Id, string ShownAs, string By, string Reason);
