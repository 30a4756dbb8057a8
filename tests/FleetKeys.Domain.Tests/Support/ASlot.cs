namespace FleetKeys.Domain.Tests.Support;

/// <summary>A key slot (cab-1/1, tag-1, Berlin) in each custody state, reached through real commands.</summary>
public static class ASlot
{
    public static KeyDefinition Key(CustodyPolicy? policy = null, TagId? tag = null) =>
        new(new KeyId("van-12"), "Van 12", Vans, Criticality.Normal, tag ?? Tag1, policy ?? CustodyPolicy.Unlimited);

    public static KeySlotState Unassigned() => KeySlotState.Empty(Slot1);

    public static KeySlotState InSlot(CustodyPolicy? policy = null, string zone = Berlin) =>
        Unassigned().Run(new AssignKey(Slot1, Key(policy), zone, T0.AddDays(-1)));

    public static ReleaseKey Release(GrantId grant, PersonId person, DateTimeOffset at, SessionId? session = null) =>
        new(Slot1, grant, person, session ?? S1, at, at + ReleaseWindow);

    /// <summary>Released to Alice under G1 at T0, window until T0+30s.</summary>
    public static KeySlotState Released(CustodyPolicy? policy = null) =>
        InSlot(policy).Run(Release(G1, Alice, T0));

    /// <summary>Taken by Alice at T0+10s.</summary>
    public static KeySlotState Out(CustodyPolicy? policy = null) =>
        Released(policy).Run(new RecordTagRemoved(Slot1, Tag1, TakenAt));

    public static readonly DateTimeOffset TakenAt = T0.AddSeconds(10);

    /// <summary>Forcibly removed at T0 from a slot that had been returned earlier by Alice.</summary>
    public static KeySlotState Missing() =>
        Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddMinutes(5)))
             .Run(new RecordTagRemoved(Slot1, Tag1, T0.AddMinutes(10)));
}
