namespace FleetKeys.Cluster.Projections.Live;

/// <summary>
/// One item of the live stream. <c>Id</c> is the journal position of the fact it comes from, set on the last item a fact
/// yields, so a client that resumes after it has missed nothing, and one cut off mid-fact is sent the whole fact again.
/// </summary>
public sealed record LiveEvent(long? Id, string Type, string? SiteId, string? CabinetId, object Data)
{
    public const string Custody = "custody";
    public const string Alarm = "alarm";
}

/// <summary>A custody change, named as in custody history (taken, returned, released, remoteReleased, ...).</summary>
public sealed record CustodyChange(
    string SlotId, string CabinetId, int Slot, string Change, string? PersonId, string? ReturnedBy, DateTimeOffset At,
    DateTimeOffset? DueAt, string? Reason);

/// <summary>An alarm raised, acknowledged or cleared.</summary>
public sealed record AlarmChange(
    long AlarmId, string Change, FleetKeys.Domain.Alarms.AlarmKind? Kind, string? CabinetId, int? Slot, string? PersonId, string? Detail, string? By, string? Note,
    DateTimeOffset At);
