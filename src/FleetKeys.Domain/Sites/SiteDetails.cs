using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Sites;

/// <summary>
/// How a site answers whoever asks about it or changes it: its name, time zone and holidays, so callers never hold the
/// entity's state record (which is what the journal snapshots, and may grow bookkeeping of its own).
/// </summary>
public sealed record SiteDetails(SiteId Id, bool Registered, string Name, string TimeZoneId, IReadOnlyList<DateOnly> Holidays)
    : IFleetKeysMessage
{
    public static SiteDetails Of(SiteState s) => new(s.Id, s.Registered, s.Name, s.TimeZoneId, s.Holidays);
}
