using System.Text.Json.Serialization;
using System.Collections.Immutable;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.Sites;

public interface ISiteMessage : IFleetKeysMessage
{
    SiteId Site { get; }
}

public abstract record SiteCommand(SiteId Site, DateTimeOffset At) : ISiteMessage;

public abstract record SiteEvent(SiteId Site, DateTimeOffset At) : IFleetKeysMessage;

public sealed record RegisterSite(SiteId Site, string Name, string TimeZoneId, DateTimeOffset At, string? By = null) : SiteCommand(Site, At);

public sealed record GetSite(SiteId Site) : ISiteMessage, IAsk<SiteDetails>;

public sealed record SiteRegistered(SiteId Site, string Name, string TimeZoneId, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null) : SiteEvent(Site, At);

/// <summary>A site gives its cabinets a time zone: schedules and return-by times are read on its wall clock.</summary>
public sealed record SiteState(SiteId Id, bool Registered, string Name, string TimeZoneId)
    : IEntityState<SiteState, SiteCommand, SiteEvent>, IFleetKeysMessage
{
    /// <summary>Local dates, ascending, on which scheduled entitlements at this site are closed.</summary>
    public ImmutableList<DateOnly> Holidays { get; init; } = [];

    public static SiteState Empty(SiteId id) => new(id, false, "", "UTC");

    public Decision<SiteEvent> Decide(SiteCommand command)
    {
        if (!Registered && command is not RegisterSite) return Rejection.Of(RejectionCode.NotFound, $"site {Id} is not registered");
        return command switch
        {
            RegisterSite c => DecideRegister(c),
            SetHolidays c => DecideHolidays(c),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled site command"),
        };
    }

    private Decision<SiteEvent> DecideRegister(RegisterSite command)
    {
        if (Registered) return Rejection.Of(RejectionCode.AlreadyExists, $"site {Id} already exists");
        if (!SiteTime.IsKnownZone(command.TimeZoneId))
            return Rejection.Of(RejectionCode.Invalid, $"unknown time zone '{command.TimeZoneId}'");
        return Decision<SiteEvent>.Accept(new SiteRegistered(Id, command.Name, command.TimeZoneId, command.At, command.By));
    }

    private Decision<SiteEvent> DecideHolidays(SetHolidays command)
    {
        if (command.Holidays.Count > SetHolidays.MaxHolidays)
            return Rejection.Of(RejectionCode.Invalid, $"at most {SetHolidays.MaxHolidays} holidays");
        var holidays = command.Holidays.Distinct().Order().ToImmutableList();
        return holidays.SequenceEqual(Holidays)
            ? Decision<SiteEvent>.Accept()
            : Decision<SiteEvent>.Accept(new HolidaysSet(Id, holidays, command.At, command.By));
    }

    public SiteState Apply(SiteEvent @event) => @event switch
    {
        SiteRegistered e => this with { Registered = true, Name = e.Name, TimeZoneId = e.TimeZoneId },
        HolidaysSet e => this with { Holidays = [.. e.Holidays] },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled site event"),
    };
}
