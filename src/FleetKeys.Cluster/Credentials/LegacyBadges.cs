using Akka.Actor;
using Akka.Event;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Credentials;

/// <summary>
/// Credential entities written before badges' journals were named by a keyed digest are named by the number, as it was
/// given before badge numbers were canonical ("credential-abcd1234") or canonical ("credential-ABCD1234"), while every
/// lookup now goes to the digest ("credential-#…"). At start each such claim is carried over: the badge's entity is
/// claimed for the old owner while that person still holds the badge; if another person already owns the number, the old
/// owner gives the badge up (a reader reports upper-case hex, so a lower-case spelling never opened anything) and a
/// warning names both. Each step is idempotent, so every node runs it on every start. The old journals stay, named by the
/// number (docs/operations.md, "Badge numbers and cardholder ids in journal names").
/// </summary>
public static class LegacyBadges
{
    public static Task CarryOver(ActorSystem system, IActorRef credentials, IActorRef people) =>
        LegacyJournals.CarryOver(system, typeof(LegacyBadges), "badges recorded before badge numbers ignored case",
            (history, clock, log) => CarryOver(history, clock, log, credentials, people));

    private static async Task CarryOver(JournalHistory history, TimeProvider clock, ILoggingAdapter log, IActorRef credentials, IActorRef people)
    {
        foreach (var stored in (await history.EntityIds("credential")).Where(id => !BadgeDigest.IsDigest(id)))
        {
            var owner = (await history.EventsOf($"credential-{stored}")).Select(e => e.Event).OfType<CredentialEvent>()
                .Aggregate((PersonId?)null, (_, e) => e is BadgeClaimed claimed ? claimed.Person : null);
            var badge = BadgeNumber.Parse(stored);
            if (owner is not { } person
                || await people.Ask<object>(new GetPerson(person), LegacyJournals.AskTimeout) is not PersonDetails { Registered: true } state
                || !state.Badges.Contains(badge))
                continue;
            if (await credentials.Ask<object>(new ClaimBadge(badge, person, clock.GetUtcNow()), LegacyJournals.AskTimeout) is not Rejection) continue;
            var holder = (await credentials.Ask<BadgeResolution>(new ResolveBadge(badge), LegacyJournals.AskTimeout)).Person;
            log.Warning("Badge {0} was given to {1} in another case before badge numbers ignored case, and belongs to {2}: {1} no longer holds it",
                badge.Masked, person, holder);
            await people.Ask<object>(new RemoveBadge(person, badge, clock.GetUtcNow()), LegacyJournals.AskTimeout);
        }
    }
}
