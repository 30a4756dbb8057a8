using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>Who decides a request for a key under the approval rule.</summary>
public enum ApproverKind
{
    /// <summary>One named person.</summary>
    Person,

    /// <summary>The requester's manager (as the person entity knows them), whom escalations reach too.</summary>
    Manager,

    /// <summary>Security, the audience escalations already reach.</summary>
    Security,
}

/// <summary>
/// Approval before release, part of a key's custody policy: a request for the key is decided by <c>Approver</c>
/// (<c>Person</c> names them when it is one person) within <c>Window</c> of being filed; approved, it is a grant the
/// requester redeems at the cabinet within <c>Validity</c> of the approval.
/// </summary>
public sealed record ApprovalRule(ApproverKind Approver, PersonId? Person, TimeSpan Window, TimeSpan Validity) : IFleetKeysMessage
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(1);

    /// <summary>Longer and a request would outlive the shift it was made for; the approver is told at once anyway.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);

    /// <summary>An approval is for a job at hand, not a standing permission.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromHours(24);

    public Rejection? Check() => this switch
    {
        { Approver: ApproverKind.Person, Person: null } => Rejection.Of(RejectionCode.Invalid, "an approval by a person names the approver"),
        { Approver: not ApproverKind.Person, Person: not null } =>
            Rejection.Of(RejectionCode.Invalid, "an approver is named only when the approval is by a person"),
        _ when Window <= TimeSpan.Zero || Window > MaxWindow =>
            Rejection.Of(RejectionCode.Invalid, $"the approval window must be positive and at most {MaxWindow.TotalMinutes} minutes"),
        _ when Validity <= TimeSpan.Zero || Validity > MaxValidity =>
            Rejection.Of(RejectionCode.Invalid, $"an approval's validity must be positive and at most {MaxValidity.TotalMinutes} minutes"),
        _ => null,
    };

    /// <summary>Who decides, as people read it.</summary>
    public string Describe(PersonId requester) => Describe(Approver, Person, requester);

    public static string Describe(ApproverKind approver, PersonId? person, PersonId requester) => approver switch
    {
        ApproverKind.Person => person?.Value ?? "a person not named",
        ApproverKind.Manager => $"the manager of {requester}",
        _ => "security",
    };
}
