namespace FleetKeys.Domain.KeySlots;

/// <summary>The steps of one custody that tell someone: before the due time, at it, and after it.</summary>
[Flags]
public enum CustodySteps
{
    None = 0,
    DueSoon = 1,
    Overdue = 2,
    Security = 4,
    Manager = 8,
}

/// <summary>Who an escalation step is meant for.</summary>
public enum EscalationAudience
{
    Holder,
    Security,
    Manager,
}

/// <summary>
/// A key's reminder and escalation timings, part of its custody policy: a reminder to the holder <c>RemindBefore</c>
/// the due time, the overdue itself (to the holder), then security <c>SecurityAfter</c> and the holder's manager
/// <c>ManagerAfter</c> past the due time. Each is optional; the overdue always happens when there is a due time.
/// </summary>
public sealed record CustodyAlerts(TimeSpan? RemindBefore, TimeSpan? SecurityAfter, TimeSpan? ManagerAfter) : IFleetKeysMessage
{
    public static readonly CustodyAlerts None = new(null, null, null);

    /// <summary>
    /// The custody's steps in time order. A reminder that would fall before the take is left out: the person was just
    /// told the due time at the cabinet.
    /// </summary>
    public IReadOnlyList<(CustodySteps Step, DateTimeOffset At)> Schedule(DateTimeOffset takenAt, DateTimeOffset due)
    {
        var steps = new List<(CustodySteps Step, DateTimeOffset At)> { (CustodySteps.Overdue, due) };
        if (RemindBefore is { } before && due - before > takenAt) steps.Add((CustodySteps.DueSoon, due - before));
        if (SecurityAfter is { } security) steps.Add((CustodySteps.Security, due + security));
        if (ManagerAfter is { } manager) steps.Add((CustodySteps.Manager, due + manager));
        return [.. steps.OrderBy(s => s.At).ThenBy(s => s.Step)];
    }

    /// <summary>The escalation's number as the issue counts them: 1 is the overdue to the holder, then in time order.</summary>
    public static int StepNumber(IReadOnlyList<(CustodySteps Step, DateTimeOffset At)> schedule, CustodySteps step) =>
        schedule.Where(s => s.Step != CustodySteps.DueSoon).Select(s => s.Step).ToList().IndexOf(step) + 1;

    public Rejection? Check()
    {
        TimeSpan?[] timings = [RemindBefore, SecurityAfter, ManagerAfter];
        return timings.Any(t => t <= TimeSpan.Zero)
            ? Rejection.Of(RejectionCode.Invalid, "reminder and escalation timings must be positive")
            : null;
    }
}
