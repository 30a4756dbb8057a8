using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.People;

/// <summary>
/// Permission to take keys of one group (or of every group when <see cref="Group"/> is null) at one cabinet,
/// at every cabinet of one site, or everywhere, during the schedule's windows in the site's local time.
/// </summary>
public sealed record Entitlement(KeyGroup? Group, SiteId? Site, CabinetId? Cabinet, Schedule Schedule) : IFleetKeysMessage
{
    /// <summary>A person's entitlements are read at every badge and copied into every allow-list: a deliberate bound.</summary>
    public const int MaxPerPerson = 1000;

    public bool CoversPlace(CabinetId cabinet, SiteId site) =>
        (Cabinet is null || Cabinet == cabinet) && (Site is null || Site == site);

    public bool CoversKey(KeyGroup group, CabinetId cabinet, SiteId site) =>
        (Group is null || Group == group) && CoversPlace(cabinet, site);
}
