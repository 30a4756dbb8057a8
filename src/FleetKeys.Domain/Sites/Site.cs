using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.Sites;

public interface ISiteMessage : IFleetKeysMessage
{
    SiteId Site { get; }
}

public sealed record RegisterSite(SiteId Site, string Name, string TimeZoneId, DateTimeOffset At) : ISiteMessage;

public sealed record GetSite(SiteId Site) : ISiteMessage;

public sealed record SiteRegistered(SiteId Site, string Name, string TimeZoneId, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>A site gives its cabinets a time zone: schedules and return-by times are read on its wall clock.</summary>
public sealed record SiteState(SiteId Id, bool Registered, string Name, string TimeZoneId)
    : IEntityState<SiteState, RegisterSite, SiteRegistered>, IFleetKeysMessage
{
    public static SiteState Empty(SiteId id) => new(id, false, "", "UTC");

    public Decision<SiteRegistered> Decide(RegisterSite command)
    {
        if (Registered) return Rejection.Of(RejectionCode.AlreadyExists, $"site {Id} already exists");
        if (!SiteTime.IsKnownZone(command.TimeZoneId))
            return Rejection.Of(RejectionCode.Invalid, $"unknown time zone '{command.TimeZoneId}'");
        return Decision<SiteRegistered>.Accept(new SiteRegistered(Id, command.Name, command.TimeZoneId, command.At));
    }

    public SiteState Apply(SiteRegistered @event) =>
        this with { Registered = true, Name = @event.Name, TimeZoneId = @event.TimeZoneId };
}
