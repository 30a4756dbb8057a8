namespace FleetKeys.Domain.Tests.Support;

public static class ACabinet
{
    public const int Slots = 4;

    public static RegisterCabinet Register(int slotCount = Slots, int busAddress = 1, string zone = Berlin, bool requiresPin = false) =>
        new(Cab1, SiteA, zone, Ctl1, busAddress, slotCount, requiresPin, T0.AddDays(-10));

    /// <summary>Registered with four slots; tag-1 homed in slot 1 and tag-2 in slot 2; slots 3 and 4 empty.</summary>
    public static CabinetState Registered() =>
        CabinetState.Empty(Cab1)
            .Run(Register())
            .Run(new HomeKey(Cab1, 1, Tag1, T0.AddDays(-10)))
            .Run(new HomeKey(Cab1, 2, Tag2, T0.AddDays(-10)));

    public static CabinetState WithSession(this CabinetState c, SessionId session, PersonId person, DateTimeOffset at, TimeSpan? ttl = null) =>
        c.Run(new RecordSessionOpened(Cab1, session, person, Badge1, at + (ttl ?? SessionTtl), at));
}
