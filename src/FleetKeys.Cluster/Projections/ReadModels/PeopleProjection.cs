using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>People at a glance, for lists and for reports that join custody with standing. Never the PIN or its hash.</summary>
public sealed class PeopleProjection() : TaggedProjection("people", EventTagger.People)
{
    protected override Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not PersonEvent @event) return Task.CompletedTask;
        var id = @event.Person.Value;
        var row = db.GetTable<PersonRow>().Where(r => r.PersonId == id);
        return @event switch
        {
            PersonRegistered e => db.InsertOrReplaceAsync(new PersonRow
            {
                PersonId = id, Name = e.Name, Status = nameof(PersonStatus.Active), ValidFrom = Ticks.Of(e.ValidFrom),
                ValidUntil = Ticks.Of(e.ValidUntil), MaxKeys = e.MaxKeys,
            }, token: cancellationToken),
            PersonRenamed e => row.Set(r => r.Name, e.Name).UpdateAsync(cancellationToken),
            KeyLimitChanged e => row.Set(r => r.MaxKeys, e.MaxKeys).UpdateAsync(cancellationToken),
            ValidityChanged e => row.Set(r => r.ValidFrom, Ticks.Of(e.ValidFrom)).Set(r => r.ValidUntil, Ticks.Of(e.ValidUntil)).UpdateAsync(cancellationToken),
            BadgeAdded => row.Set(r => r.Badges, r => r.Badges + 1).UpdateAsync(cancellationToken),
            BadgeRemoved => row.Set(r => r.Badges, r => r.Badges - 1).UpdateAsync(cancellationToken),
            PinSet => row.Set(r => r.HasPin, true).UpdateAsync(cancellationToken),
            PinCleared => row.Set(r => r.HasPin, false).UpdateAsync(cancellationToken),
            PersonRevoked e => row.Set(r => r.Status, e.Status.ToString()).Set(r => r.RevocationReason, e.Reason).UpdateAsync(cancellationToken),
            PersonErased => row.Set(r => r.Name, ErasedPerson.Label(id)).Set(r => r.RevocationReason, (string?)null).Set(r => r.Badges, 0)
                .UpdateAsync(cancellationToken),
            PersonReinstated => row.Set(r => r.Status, nameof(PersonStatus.Active)).Set(r => r.RevocationReason, (string?)null)
                .UpdateAsync(cancellationToken),
            EntitlementsSet e => Places(db, id, e.Entitlements, cancellationToken),
            KeyPickedUp => row.Set(r => r.KeysHeld, r => r.KeysHeld + 1).UpdateAsync(cancellationToken),
            KeyHandedBack => row.Set(r => r.KeysHeld, r => r.KeysHeld - 1).UpdateAsync(cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>Where the person's entitlements let them take keys, replaced whole as the entitlements are.</summary>
    private static async Task Places(DataConnection db, string person, IReadOnlyList<Entitlement> entitlements, CancellationToken cancellationToken)
    {
        await db.GetTable<PersonPlaceRow>().Where(r => r.PersonId == person).DeleteAsync(cancellationToken);
        foreach (var place in entitlements.Select(e => (Site: e.Site?.Value, Cabinet: e.Cabinet?.Value, Group: e.Group?.Value)).Distinct())
            await db.InsertAsync(new PersonPlaceRow { PersonId = person, SiteId = place.Site, CabinetId = place.Cabinet, KeyGroup = place.Group }, token: cancellationToken);
    }

    public override async Task Reset(DataConnection db, CancellationToken cancellationToken)
    {
        await db.GetTable<PersonRow>().DeleteAsync(cancellationToken);
        await db.GetTable<PersonPlaceRow>().DeleteAsync(cancellationToken);
    }
}
