using System.Collections.Concurrent;
using Akka.Actor;
using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Store;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Scim.Provisioning;

/// <summary>
/// Brings people in line with their SCIM users, always through <see cref="FleetAdmin"/>. A user is marked pending in
/// the same transaction as every change that concerns it; the mark is cleared only if the user's revision is still the
/// one the person was brought to, so concurrent changes, retried requests and a node dying half-way all converge.
/// </summary>
public sealed class PersonReconciler(ScimDatabase database, FleetAdmin admin, ScimSettings settings, ILogger<PersonReconciler> log)
{
    private const int Attempts = 5;
    private const int Parallelism = 8;

    /// <summary>Reconciles the users a request changed; a refusal becomes the request's SCIM error.</summary>
    public async Task Apply(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentBag<Rejection>();
        await Parallel.ForEachAsync(userIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (await Reconcile(id, ct) is { } rejection) failures.Add(rejection);
            });
        if (failures.IsEmpty) return;
        var first = failures.FirstOrDefault(f => f.Code == RejectionCode.BadgeAlreadyAssigned) ?? failures.First();
        throw first.Code == RejectionCode.BadgeAlreadyAssigned
            ? ScimException.Conflict(first.Message)
            : ScimException.Unavailable($"stored, but not yet applied to {failures.Count} person(s): {first.Message}; repeat the request");
    }

    /// <summary>Finishes whatever a failed request or a stopped node left pending.</summary>
    public async Task Sweep(CancellationToken cancellationToken)
    {
        List<string> pending;
        await using (var db = database.Open())
            pending = await db.GetTable<ScimUserRow>().Where(u => u.Pending).OrderBy(u => u.Id).Select(u => u.Id).Take(100).ToListAsync(cancellationToken);
        using var origin = OriginScope.Use(ChangeOrigin.ScimToken("sweep"));
        foreach (var id in pending)
        {
            if (await Reconcile(id, cancellationToken) is { } rejection)
                // The code, not the message: a refusal's message may name the badge it is about.
                log.LogWarning("SCIM user {User} is not yet applied to its person: {Reason}", id, rejection.Code);
        }
    }

    private async Task<Rejection?> Reconcile(string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await Plan(userId, cancellationToken) is not { } plan) return null;
            if (await Carry(plan) is { } rejection) return rejection;
            await using var db = database.Open();
            var cleared = await db.GetTable<ScimUserRow>().Where(u => u.Id == userId && u.Revision == plan.Revision)
                .Set(u => u.Pending, false).Set(u => u.RetiredBadges, (string?)null).UpdateAsync(cancellationToken);
            // Not cleared: the user changed meanwhile and what was just applied may be stale; apply the newer state.
            if (cleared > 0) return null;
        }

        return Rejection.Of(RejectionCode.Unavailable, $"SCIM user {userId} kept changing while it was applied");
    }

    private async Task<PersonPlan?> Plan(string userId, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var user = await db.GetTable<ScimUserRow>().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return null;
        var groups = await (
            from member in db.GetTable<ScimMemberRow>()
            where member.UserId == userId
            from scimGroup in db.GetTable<ScimGroupRow>().InnerJoin(g => g.Id == member.GroupId)
            from mapping in db.GetTable<EntitlementGroupRow>().InnerJoin(e => e.NameKey == scimGroup.DisplayNameKey || e.NameKey == scimGroup.Id)
            select mapping).ToListAsync(cancellationToken);
        return PersonPlan.Of(user, groups);
    }

    /// <summary>
    /// Only the steps the person still needs. The revocation goes first, so a deprovisioned person is denied before
    /// anything else happens; a reinstatement goes last, once the person's badges and entitlements are what they should be.
    /// A retired badge is removed even if the person no longer shows it: removal also frees the number, and repeats harmlessly.
    /// </summary>
    private async Task<Rejection?> Carry(PersonPlan plan)
    {
        try
        {
            var outcome = await admin.GetPerson(plan.Person);
            if (outcome.Rejection is { Code: RejectionCode.NotFound })
                outcome = await admin.RegisterPerson(plan.Person, plan.Name, null, null, settings.MaxKeys);
            if (outcome.Rejection is { Code: RejectionCode.AlreadyExists }) outcome = await admin.GetPerson(plan.Person);
            foreach (var step in Steps(plan))
            {
                if (outcome.Value is not { } person) break;
                if (step(person) is { } change) outcome = await change;
            }

            return outcome.Rejection;
        }
        catch (AskTimeoutException)
        {
            return Rejection.Of(RejectionCode.Unavailable, $"person {plan.Person} did not answer in time");
        }
    }

    private IEnumerable<Func<PersonDetails, Task<Outcome<PersonDetails>>?>> Steps(PersonPlan plan) =>
    [
        p => plan.Revocation is { } r && Worsens(p.Status, r.Status) ? admin.Revoke(plan.Person, r.Status, r.Reason) : null,
        p => p.Name != plan.Name ? admin.Rename(plan.Person, plan.Name) : null,
        .. plan.RetiredBadges.Select(retired => (Func<PersonDetails, Task<Outcome<PersonDetails>>?>)(p => Retire(p, retired))),
        p => plan.Badge is { } badge && !p.Badges.Contains(badge) ? admin.AddBadge(plan.Person, badge) : null,
        p => !p.Entitlements.SequenceEqual(plan.Entitlements) ? admin.SetEntitlements(plan.Person, plan.Entitlements) : null,
        p => p.Email != plan.Email || p.Manager != plan.Manager ? admin.SetContact(plan.Person, plan.Email, plan.Manager) : null,
        p => plan.Revocation is null && PersonPlan.IsScimRevocation(p) ? admin.Reinstate(plan.Person) : null,
    ];

    /// <summary>A retired badge the person no longer holds is already where it should be: the removal has freed its number.</summary>
    private async Task<Outcome<PersonDetails>> Retire(PersonDetails person, BadgeNumber badge)
    {
        var removed = await admin.RemoveBadge(person.Id, badge);
        return removed.Rejection is { Code: RejectionCode.BadgeNotHeld } ? new Outcome<PersonDetails>(person, null) : removed;
    }

    /// <summary>A revocation never softens one already in force: a terminated person is not merely suspended again.</summary>
    private static bool Worsens(PersonStatus current, PersonStatus wanted) =>
        current == PersonStatus.Active || (current == PersonStatus.Suspended && wanted == PersonStatus.Terminated);
}
