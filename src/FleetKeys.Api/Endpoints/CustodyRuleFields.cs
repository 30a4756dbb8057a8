using FleetKeys.Api.Problems;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// The reasons, return questions and approval fields as a key's PUT and a key group's PATCH both carry them: one place for
/// their checks and for what they make, so a group's rules are refused exactly where a key's would be.
/// </summary>
public static class CustodyRuleFields
{
    public static Validator Approval(this Validator check, ApproverKind? by, string? approverId, int? windowMinutes, int? validMinutes) => check
        .Id("approverId", approverId, required: by == ApproverKind.Person)
        .Check(approverId is null || by == ApproverKind.Person, "approverId", "is named only with approvalBy 'person'")
        .Range("approvalWindowMinutes", windowMinutes, 1, (int)ApprovalRule.MaxWindow.TotalMinutes, required: false)
        .Check(windowMinutes is null || by is not null, "approvalWindowMinutes", "is given only with approvalBy")
        .Range("approvalValidMinutes", validMinutes, 1, (int)ApprovalRule.MaxValidity.TotalMinutes, required: false)
        .Check(validMinutes is null || by is not null, "approvalValidMinutes", "is given only with approvalBy");

    public static Validator Reasons(this Validator check, IReadOnlyList<string?>? reasons, ReturnQuestionsBody? returnQuestions)
    {
        var problem = reasons?.Contains(null) == true ? "must not contain null" : Questions(reasons, returnQuestions).Check()?.Message;
        return check.Check(problem is null, "reasons", problem ?? "");
    }

    public static CustodyQuestions Questions(IReadOnlyList<string?>? reasons, ReturnQuestionsBody? returnQuestions) => new(
        [.. (reasons ?? []).OfType<string>()], returnQuestions?.Odometer ?? false, returnQuestions?.Fuel ?? false, returnQuestions?.Damage ?? false);

    /// <summary>No rule without <paramref name="by"/>; the window and validity default as docs/policies.md says.</summary>
    public static ApprovalRule? Approval(ApproverKind? by, string? approverId, int? windowMinutes, int? validMinutes) => by is { } approver
        ? new ApprovalRule(approver, approverId is null ? null : new PersonId(approverId),
            Minutes(windowMinutes) ?? ApprovalRule.DefaultWindow, Minutes(validMinutes) ?? ApprovalRule.DefaultValidity)
        : null;

    public static TimeSpan? Minutes(int? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;
}
