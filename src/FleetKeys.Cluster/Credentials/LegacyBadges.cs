using Akka.Actor;
using Akka.DependencyInjection;
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
/// number (docs/operations.md, "Badge numbers in journal names").
/// </summary>
public static class LegacyBadges
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static async Task CarryOver(ActorSystem system, IActorRef credentials, IActorRef people)
    {
        var log = Logging.GetLogger(system, typeof(LegacyBadges));
        try
        {
            await CarryOver(system, credentials, people, log);
        }
        catch (Exception e)
        {
            log.Error(e, "Carrying over badges recorded before badge numbers ignored case failed; it is tried again at the next start");
        }
    }

    private static async Task CarryOver(ActorSystem system, IActorRef credentials, IActorRef people, ILoggingAdapter log)
    {
        var clock = DependencyResolver.For(system).Resolver.GetService<TimeProvider>() ?? TimeProvider.System;
        var history = new JournalHistory(system);
        foreach (var stored in (await history.EntityIds("credential")).Where(id => !BadgeDigest.IsDigest(id)))
        {
            var owner = (await history.EventsOf($"credential-{stored}")).Select(e => e.Event).OfType<CredentialEvent>()
                .Aggregate((PersonId?)null, (_, e) => e is BadgeClaimed claimed ? claimed.Person : null);
            var badge = BadgeNumber.Parse(stored);
            if (owner is not { } person
                || await people.Ask<object>(new GetPerson(person), AskTimeout) is not PersonDetails { Registered: true } state
                || !state.Badges.Contains(badge))
                continue;
            if (await credentials.Ask<object>(new ClaimBadge(badge, person, clock.GetUtcNow()), AskTimeout) is not Rejection) continue;
            var holder = (await credentials.Ask<BadgeResolution>(new ResolveBadge(badge), AskTimeout)).Person;
            log.Warning("Badge {0} was given to {1} as '{2}' before badge numbers ignored case, and belongs to {3}: {1} no longer holds it",
                badge, person, stored, holder);
            await people.Ask<object>(new RemoveBadge(person, badge, clock.GetUtcNow()), AskTimeout);
        }
    }
}
