using System.Collections.Immutable;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>Approval before release: the key's requests, their decisions and deadlines, and their redemption with a release.</summary>
public sealed partial record KeySlotState
{
    /// <summary>How many closed requests the slot remembers, so deciding one again is a conflict rather than unknown; the read side keeps them all.</summary>
    public const int ClosedApprovalsKept = 20;

    /// <summary>Open requests (pending or approved) and the latest closed ones, in the order they were filed.</summary>
    public ImmutableList<ApprovalRequest> Approvals { get; init; } = [];

    /// <summary>When the next request's window or validity ends, for the cabinet to keep a timer that survives crashes.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextApprovalDeadline => Approvals.Select(r => r.NextDeadline).Min();

    /// <summary>The person's request still waiting for a decision or approved and not yet redeemed, if any.</summary>
    public ApprovalRequest? OpenRequestOf(PersonId person, DateTimeOffset at) =>
        Approvals.FirstOrDefault(r => r.Person == person && r.IsOpen(at));

    private ApprovalRequest? ApprovedFor(PersonId person, DateTimeOffset at) =>
        OpenRequestOf(person, at) is { Status: ApprovalStatus.Approved } approved ? approved : null;

    /// <summary>
    /// A key under the approval rule goes only to someone holding an approval of it, valid now; checked before the person is
    /// asked for a grant, so every other rule (entitlement, limits) still applies when it is redeemed. The message says where
    /// the person's request stands.
    /// </summary>
    public Rejection? CheckApproval(PersonId person, DateTimeOffset at)
    {
        if (Key?.Policy.Approval is not { } rule || ApprovedFor(person, at) is not null) return null;
        return Rejection.Of(RejectionCode.ApprovalRequired, OpenRequestOf(person, at) is { } pending
            ? $"key {Key.Name} needs approval: request {pending.Id} awaits {rule.Describe(person)} until {pending.DecideBy:u}"
            : $"key {Key.Name} needs approval by {rule.Describe(person)}; no request of {person} is open");
    }

    private Decision<KeySlotEvent> DecideFiling(FileApprovalRequest c)
    {
        if (Key is null) return Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {Slot}");
        if (Key.Policy.Approval is not { } rule) return Rejection.Of(RejectionCode.Invalid, $"key {Key.Name} needs no approval");
        if (c.Reason?.Length > ApprovalRequest.MaxReasonLength)
            return Rejection.Of(RejectionCode.Invalid, $"a reason has at most {ApprovalRequest.MaxReasonLength} characters").About("reason");
        if (Approvals.FirstOrDefault(r => r.Id == c.Request) is { } same)
            return same.Person == c.Person ? Decision<KeySlotEvent>.Accept() : Rejection.Of(RejectionCode.Conflict, $"request {c.Request} exists for someone else");
        if (OpenRequestOf(c.Person, c.At) is { } open)
            return Rejection.Of(RejectionCode.Conflict, $"{c.Person} already has request {open.Id} for key {Key.Name} ({open.Status.ToString().ToLowerInvariant()})");
        var request = new ApprovalRequest(c.Request, Key.Id, c.Person, c.Reason, c.By, c.At, c.At + rule.Window, rule.Approver, rule.Person) { Site = c.Site };
        return Decision<KeySlotEvent>.Accept(new ApprovalRequested(Slot, request, c.At));
    }

    private Decision<KeySlotEvent> DecideApproval(DecideApprovalRequest c)
    {
        if (Approvals.FirstOrDefault(r => r.Id == c.Request) is not { } request)
            return Rejection.Of(RejectionCode.NotFound, $"slot {Slot} has no approval request {c.Request}");
        if (request.Status != ApprovalStatus.Pending)
            return Rejection.Of(RejectionCode.Conflict, $"request {c.Request} is {request.Status.ToString().ToLowerInvariant()} already");
        if (c.At > request.DecideBy)
            return Rejection.Of(RejectionCode.Conflict, $"request {c.Request} could be decided until {request.DecideBy:u}; it has lapsed");
        if (c.Note?.Length > ApprovalRequest.MaxReasonLength)
            return Rejection.Of(RejectionCode.Invalid, $"a note has at most {ApprovalRequest.MaxReasonLength} characters").About("note");
        // The validity is the rule's as it is now: a key whose policy was tightened meanwhile is not released on the old terms.
        var validity = Key?.Policy.Approval?.Validity ?? ApprovalRule.DefaultValidity;
        return c.Approve
            ? Decision<KeySlotEvent>.Accept(new ApprovalGranted(Slot, c.Request, request.Person, c.By, c.Note, c.At + validity, c.At, request.Site))
            : Decision<KeySlotEvent>.Accept(new ApprovalRefused(Slot, c.Request, request.Person, c.By, c.Note, c.At, request.Site));
    }

    /// <summary>Every window and validity ended by <paramref name="at"/> closes, once, however often the deadline is noticed.</summary>
    private Decision<KeySlotEvent> DecideApprovalDeadlines(DateTimeOffset at) => Decision<KeySlotEvent>.Accept([.. Approvals
        .Where(r => r.NextDeadline <= at)
        .Select(r => r.Status == ApprovalStatus.Pending
            ? (KeySlotEvent)new ApprovalLapsed(Slot, r.Id, r.Person, r.DecideBy, at)
            : new ApprovalExpired(Slot, r.Id, r.Person, r.ValidUntil!.Value, at))]);

    /// <summary>A release at the cabinet to someone holding an approval spends it; a remote release is the operator's own decision.</summary>
    private IEnumerable<KeySlotEvent> Redemption(ReleaseKey c) =>
        c.Remote is null && Key?.Policy.Approval is not null && ApprovedFor(c.Person, c.At) is { } approved
            ? [new ApprovalRedeemed(Slot, approved.Id, c.Person, c.Grant, c.At)]
            : [];

    private KeySlotState ApplyApproval(KeySlotEvent @event) => @event switch
    {
        ApprovalRequested e => this with { Approvals = Approvals.Add(e.Request) },
        ApprovalGranted e => Update(e.Request, r => r with { Status = ApprovalStatus.Approved, ValidUntil = e.ValidUntil, DecidedBy = e.By, Note = e.Note }),
        ApprovalRefused e => Close(e.Request, ApprovalStatus.Refused, e.At, r => r with { DecidedBy = e.By, Note = e.Note }),
        ApprovalLapsed e => Close(e.Request, ApprovalStatus.Lapsed, e.At),
        ApprovalRedeemed e => Close(e.Request, ApprovalStatus.Redeemed, e.At),
        ApprovalExpired e => Close(e.Request, ApprovalStatus.Expired, e.At),
        _ => this,
    };

    private KeySlotState Update(ApprovalRequestId id, Func<ApprovalRequest, ApprovalRequest> change) =>
        this with { Approvals = [.. Approvals.Select(r => r.Id == id ? change(r) : r)] };

    private KeySlotState Close(ApprovalRequestId id, ApprovalStatus status, DateTimeOffset at, Func<ApprovalRequest, ApprovalRequest>? change = null)
    {
        var closed = Update(id, r => (change?.Invoke(r) ?? r) with { Status = status, ClosedAt = at }).Approvals;
        var oldest = closed.Where(r => r.ClosedAt is not null).SkipLast(ClosedApprovalsKept).Select(r => r.Id).ToHashSet();
        return this with { Approvals = closed.RemoveAll(r => oldest.Contains(r.Id)) };
    }
}
