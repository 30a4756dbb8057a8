using System.Text.Json.Serialization;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// How long a key may stay out: a maximum duration, a local return-by time of day, or both (whichever comes first).
/// With neither, the key has no due time. <c>ReturnFirst</c>: the key goes only to someone holding no other key.
/// <c>DualAuthorisationWindow</c>: the two-person rule — a second, entitled person must badge at the cabinet within
/// this long of the key being chosen, or it is not released.
/// </summary>
public sealed record CustodyPolicy(
    TimeSpan? MaxDuration, TimeOnly? ReturnBy, bool ReturnFirst = false, TimeSpan? DualAuthorisationWindow = null) : IFleetKeysMessage
{
    /// <summary>The longest a cabinet waits for the second person: longer and the first has walked away.</summary>
    public static readonly TimeSpan MaxDualAuthorisationWindow = TimeSpan.FromMinutes(10);

    public static readonly CustodyPolicy Unlimited = new(null, null);

    /// <summary>Who is reminded before the due time and told after it; kept apart so the policy's shape stays as it was.</summary>
    public CustodyAlerts Alerts { get; init; } = CustodyAlerts.None;

    /// <summary>Where the key may be put back; a policy stored before there was a choice reads as its home slot only.</summary>
    public ReturnRule Return { get; init; } = ReturnRule.HomeSlot;

    /// <summary>The return group whose cabinets take the key back under <see cref="ReturnRule.ReturnGroup"/>; null otherwise.</summary>
    public string? ReturnGroup { get; init; }

    /// <summary>Approval before release: the key goes only to someone whose request for it was approved; null for most keys.</summary>
    public ApprovalRule? Approval { get; init; }

    /// <summary>
    /// A controller cut off from the cluster cannot apply the two-person rule or see approvals, so it never releases such a key
    /// on its own.
    /// </summary>
    [JsonIgnore]
    public bool OnlineOnly => DualAuthorisationWindow is not null || Approval is not null;

    /// <summary>The longest name a return group may have.</summary>
    public const int MaxReturnGroupLength = 64;

    /// <summary>A return group is named exactly when the rule is <see cref="ReturnRule.ReturnGroup"/>.</summary>
    public Rejection? CheckReturn() => (Return, ReturnGroup) switch
    {
        (ReturnRule.ReturnGroup, null) => Rejection.Of(RejectionCode.Invalid, "a key returned to a return group needs the group's name"),
        (ReturnRule.ReturnGroup, { } name) when string.IsNullOrWhiteSpace(name) || name.Length > MaxReturnGroupLength =>
            Rejection.Of(RejectionCode.Invalid, $"a return group's name has 1 to {MaxReturnGroupLength} characters"),
        (not ReturnRule.ReturnGroup, not null) => Rejection.Of(RejectionCode.Invalid, "a return group is named only for the returnGroup rule"),
        _ => null,
    };

    public DateTimeOffset? DueAt(DateTimeOffset takenAt, TimeZoneInfo zone)
    {
        DateTimeOffset? byDuration = MaxDuration is { } max ? takenAt + max : null;
        DateTimeOffset? byClock = ReturnBy is { } time ? SiteTime.NextOccurrence(takenAt, time, zone) : null;
        return (byDuration, byClock) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }
}
