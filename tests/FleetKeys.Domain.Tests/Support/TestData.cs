namespace FleetKeys.Domain.Tests.Support;

/// <summary>Fixed ids and instants shared by every test; nothing here reads the real clock.</summary>
public static class TestData
{
    /// <summary>Monday 2026-06-01 08:00Z, which is 10:00 on the wall clock in Berlin (CEST, UTC+2).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public const string UtcZone = "UTC";
    public const string Berlin = "Europe/Berlin";
    public const string NewYork = "America/New_York";

    public static readonly TimeSpan SessionTtl = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan ReleaseWindow = TimeSpan.FromSeconds(30);

    /// <summary>The pepper a node derives from its master secret; PIN hashes in these tests are sealed under it.</summary>
    public static readonly SealingKey Pepper = SealingKey.Derive([.. Enumerable.Range(1, 32).Select(i => (byte)i)], "pin-pepper");

    public static readonly PersonId Alice = new("alice");
    public static readonly PersonId Bob = new("bob");
    public static readonly PersonId Carol = new("carol");

    public static readonly SiteId SiteA = new("site-a");
    public static readonly SiteId SiteB = new("site-b");

    public static readonly CabinetId Cab1 = new("cab-1");
    public static readonly CabinetId Cab2 = new("cab-2");
    public static readonly ControllerId Ctl1 = new("ctl-1");

    public static readonly KeyGroup Vans = new("vans");
    public static readonly KeyGroup Vault = new("vault");

    public static readonly TagId Tag1 = new("tag-1");
    public static readonly TagId Tag2 = new("tag-2");
    public static readonly TagId ForeignTag = new("tag-x");

    public static readonly SlotId Slot1 = new(Cab1, 1);
    public static readonly SlotId Slot2 = new(Cab1, 2);
    public static readonly SlotId Slot3 = new(Cab1, 3);
    public static readonly SlotId Cab2Slot1 = new(Cab2, 1);

    public static readonly BadgeNumber Badge1 = new("0001234");

    public static readonly SessionId S1 = SessionNo(1);
    public static readonly SessionId S2 = SessionNo(2);
    public static readonly SessionId S3 = SessionNo(3);

    public static readonly GrantId G1 = GrantNo(1);
    public static readonly GrantId G2 = GrantNo(2);
    public static readonly GrantId G3 = GrantNo(3);

    public static SessionId SessionNo(int n) => new(new Guid(n, 0, 0, new byte[8]));

    public static GrantId GrantNo(int n) => new(new Guid(n, 1, 0, new byte[8]));

    public static TimeZoneInfo Zone(string id) => SiteTime.Zone(id);
}
