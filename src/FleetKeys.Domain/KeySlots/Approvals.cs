using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

public enum ApprovalStatus
{
    /// <summary>Filed, waiting for the approver.</summary>
    Pending,

    /// <summary>Approved: a grant the requester redeems at the cabinet until <c>ValidUntil</c>.</summary>
    Approved,
    Refused,

    /// <summary>The window passed without a decision.</summary>
    Lapsed,

    /// <summary>The key was released to the requester under it.</summary>
    Redeemed,

    /// <summary>Approved, and not redeemed within its validity.</summary>
    Expired,
}

/// <summary>
/// One person's request for one key (<c>Key</c>, the one homed in the slot when it was filed) under the approval rule, kept by the key's slot: the slot decides releases, so the
/// redemption and the release are one decision and an approval is redeemed once. <c>By</c> says who filed it (an operator,
/// or the cabinet the person chose the key at); <c>Approver</c> and <c>ApproverPerson</c> are the rule's when it was filed.
/// </summary>
public sealed record ApprovalRequest(
    ApprovalRequestId Id, KeyId Key, PersonId Person, [property: Personal(Period = "RequestedAt")] string? Reason, string By, DateTimeOffset RequestedAt, DateTimeOffset DecideBy,
    ApproverKind Approver, PersonId? ApproverPerson) : IFleetKeysMessage
{
    public const int MaxReasonLength = 200;

    public ApprovalStatus Status { get; init; } = ApprovalStatus.Pending;
    public DateTimeOffset? ValidUntil { get; init; }
    public string? DecidedBy { get; init; }

    /// <summary>The site of the key's cabinet when the request was filed: its reason and note, and the decision's, are kept as there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SiteId? Site { get; init; }

    [Personal(Period = "RequestedAt")]
    public string? Note { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Still waiting for a decision, or approved and redeemable: judged by the time, so a deadline not yet noticed counts as passed.</summary>
    public bool IsOpen(DateTimeOffset at) => Status switch
    {
        ApprovalStatus.Pending => at <= DecideBy,
        ApprovalStatus.Approved => at <= ValidUntil,
        _ => false,
    };

    /// <summary>When the slot must look at this request again (its window's or its validity's end); null once it is closed.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextDeadline => Status switch
    {
        ApprovalStatus.Pending => DecideBy,
        ApprovalStatus.Approved => ValidUntil,
        _ => null,
    };
}

/// <summary>
/// A person asks for the key (<c>By</c>: the operator filing it, or the cabinet the person badged at). Refused when the key
/// needs no approval, or the person has a request open already.
/// </summary>
public sealed record FileApprovalRequest(SlotId Slot, ApprovalRequestId Request, PersonId Person, string? Reason, string By, DateTimeOffset At, SiteId? Site = null)
    : KeySlotCommand(Slot, At), IAsk<ApprovalRequest>;

/// <summary>The approver's decision, recorded with who took it (<c>By</c>) and an optional note.</summary>
public sealed record DecideApprovalRequest(SlotId Slot, ApprovalRequestId Request, bool Approve, string By, string? Note, DateTimeOffset At)
    : KeySlotCommand(Slot, At), IAsk<ApprovalRequest>;

/// <summary>From the cabinet's timer (kept from the slot summary, so it survives crashes): windows and validities ended by <c>At</c> close.</summary>
public sealed record NoticeApprovalDeadlines(SlotId Slot, DateTimeOffset At) : KeySlotCommand(Slot, At);

public sealed record ApprovalRequested(SlotId Slot, ApprovalRequest Request, DateTimeOffset At) : KeySlotEvent(Slot, At);

public sealed record ApprovalGranted(
    SlotId Slot, ApprovalRequestId Request, PersonId Person, string By, [property: Personal(Period = "At")] string? Note, DateTimeOffset ValidUntil, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null)
    : KeySlotEvent(Slot, At);

public sealed record ApprovalRefused(SlotId Slot, ApprovalRequestId Request, PersonId Person, string By, [property: Personal(Period = "At")] string? Note, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null)
    : KeySlotEvent(Slot, At);

public sealed record ApprovalLapsed(SlotId Slot, ApprovalRequestId Request, PersonId Person, DateTimeOffset DecideBy, DateTimeOffset At)
    : KeySlotEvent(Slot, At);

/// <summary>The key was released to the requester under the approval (<c>Grant</c> is the release's): it is spent.</summary>
public sealed record ApprovalRedeemed(SlotId Slot, ApprovalRequestId Request, PersonId Person, GrantId Grant, DateTimeOffset At)
    : KeySlotEvent(Slot, At);

public sealed record ApprovalExpired(SlotId Slot, ApprovalRequestId Request, PersonId Person, DateTimeOffset ValidUntil, DateTimeOffset At)
    : KeySlotEvent(Slot, At);
