using FleetKeys.Cluster.People;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;

namespace FleetKeys.Cluster.Tests.People;

/// <summary>Who may have allow-list entries at a cabinet: those entitled there, at its site or anywhere, and nobody else.</summary>
public sealed class AccessPlacesSpecs
{
    private static readonly SiteId Depot = new("depot");
    private static readonly SiteId Harbour = new("harbour");
    private static readonly CabinetId Lobby = new("lobby");
    private static readonly CabinetId Vault = new("vault");

    private static AccessProfile Profile(string person, long version, params Entitlement[] entitlements) =>
        new(new PersonId(person), version, Active: true, [], PinHash: null, ValidFrom: null, ValidUntil: null, entitlements);

    private static Entitlement At(SiteId? site = null, CabinetId? cabinet = null) => new(null, site, cabinet, Schedule.Always);

    [Fact]
    public void A_cabinet_looks_at_the_people_entitled_there_at_its_site_and_anywhere_and_at_nobody_else()
    {
        var places = AccessPlaces.Of([
            Profile("anywhere", 1, At()),
            Profile("depot", 1, At(Depot)),
            Profile("harbour", 1, At(Harbour)),
            Profile("lobby", 1, At(Depot, Lobby)),
            Profile("vault", 1, At(cabinet: Vault)),
            Profile("nothing", 1),
        ]);

        Assert.Equal(["anywhere", "depot", "lobby"], places.At(Lobby, Depot).Order());
        Assert.Equal(["anywhere", "harbour"], places.At(new CabinetId("quay"), Harbour).Order());
        Assert.Equal(["anywhere", "depot", "vault"], places.At(Vault, Depot).Order());
    }

    [Fact]
    public void A_changed_profile_moves_its_person_and_a_removed_one_leaves_every_place()
    {
        var ann = Profile("ann", 1, At(Depot), At(cabinet: Vault));
        var places = AccessPlaces.Of([ann]);

        var moved = places.Moved(ann, Profile("ann", 2, At(Harbour)));

        Assert.Empty(moved.At(new CabinetId("quay"), Depot));
        Assert.Empty(moved.At(Vault, Depot));
        Assert.Equal(["ann"], moved.At(new CabinetId("quay"), Harbour));
        Assert.Empty(moved.Moved(Profile("ann", 2, At(Harbour)), null).At(new CabinetId("quay"), Harbour));
        // The index before the change is left as it was: drivers may still hold it.
        Assert.Equal(["ann"], places.At(Vault, Harbour));
    }
}
