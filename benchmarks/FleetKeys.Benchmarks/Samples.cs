using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;

namespace FleetKeys.Benchmarks;

/// <summary>Ids and values of the size a real fleet has, shared by the benchmarks.</summary>
internal static class Samples
{
    public const string Zone = "Europe/Berlin";
    public const int Slots = 40;

    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);
    public static readonly SiteId Site = new("load-001");
    public static readonly CabinetId Cabinet = new("ctl-017-cab-004");
    public static readonly ControllerId Controller = new("ctl-017");
    public static readonly SlotId Slot = new(Cabinet, 17);
    public static readonly PersonId Person = new("p-12345");
    public static readonly BadgeNumber Badge = new("9F3A61C2");
    public static readonly SessionId Session = SessionId.New();
    public static readonly GrantId Grant = GrantId.New();
    public static readonly Entitlement Everything = new(null, Site, null, Schedule.Always);

    public static TagId Tag(int slot) => new($"04A1B2C3D4E5{slot:X2}");

    public static KeyDefinition Key(int slot) => new(new KeyId($"{Cabinet.Value}-k{slot:D2}"), $"Key {slot} of {Cabinet.Value}",
        new KeyGroup("general"), Criticality.Normal, Tag(slot), new CustodyPolicy(TimeSpan.FromHours(8), new TimeOnly(18, 0)));
}
