using Akka.Actor;
using Akka.Event;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.ExternalIds;

/// <summary>
/// External id directory entities written before their journals were named by a keyed digest are named by the cardholder
/// id ("externalid-{source}:{cardholder}"), while every lookup now goes to the digest ("externalid-#…"). At start each
/// such link is carried over, as badges' are (<see cref="Credentials.LegacyBadges"/>): the digest's entity is claimed for
/// the person while they still carry the external id (an erased person carries none). Claiming one's own again changes
/// nothing, so every node runs it on every start. The old journals stay, named by the cardholder id
/// (docs/operations.md, "Badge numbers and cardholder ids in journal names").
/// </summary>
public static class LegacyExternalIds
{
    public static Task CarryOver(ActorSystem system, IActorRef externalIds, IActorRef people) =>
        LegacyJournals.CarryOver(system, typeof(LegacyExternalIds), "external ids recorded before their journals were named by a digest",
            (history, clock, log) => CarryOver(history, clock, log, externalIds, people));

    private static async Task CarryOver(JournalHistory history, TimeProvider clock, ILoggingAdapter log, IActorRef externalIds, IActorRef people)
    {
        var prefix = PersistenceIds.ExternalIdPrefix.TrimEnd('-');
        foreach (var stored in (await history.EntityIds(prefix)).Where(id => !BadgeDigest.IsDigest(id)))
        {
            var external = ExternalId.Parse(stored);
            var linked = (await history.EventsOf(PersistenceIds.ExternalIdPrefix + stored)).Select(e => e.Event).OfType<ExternalIdClaimed>()
                .Aggregate(new ExternalIdState(external, null), (state, e) => state.Apply(e)).Person;
            if (linked is not { } person
                || await people.Ask<object>(new GetPerson(person), LegacyJournals.AskTimeout) is not PersonDetails { Registered: true } details
                || !details.ExternalIds.Contains(external))
                continue;
            // The rejection names the cardholder, which logs never do.
            if (await externalIds.Ask<object>(new ClaimExternalId(external, person, clock.GetUtcNow()), LegacyJournals.AskTimeout) is Rejection)
                log.Warning("An external id of {0} linked to {1} before digests is linked to another person now: it is not carried over", external.Source, person);
        }
    }
}
