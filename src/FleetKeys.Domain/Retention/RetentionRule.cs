namespace FleetKeys.Domain.Retention;

/// <summary>
/// A daily look at the key store (issue #23, point 3): the cut-off (now less the retention), and the period keys found
/// in periods wholly before it that still exist (<c>Periods</c> are those periods, <c>Keys</c> how many keys).
/// </summary>
public sealed record RetentionDue(DateTimeOffset CutOff, IReadOnlyList<int> Periods, int Keys, DateTimeOffset At);

/// <summary>
/// Retention's decision, recorded before the keys are destroyed: the custody history of <c>Periods</c> (calendar years,
/// all ended by <c>CutOff</c>) is shredded by destroying <c>KeysDestroyed</c> period keys. In the audit like every fact.
/// </summary>
public sealed record RetentionApplied(DateTimeOffset CutOff, IReadOnlyList<int> Periods, int KeysDestroyed, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// What a look decides: one that finds keys to destroy is recorded; one that finds none records nothing, so a run after
/// a complete one adds nothing to the audit. Keys found but not all destroyed (the node stopped in between) are found
/// again by the next look and recorded again: the audit never misses a destruction.
/// </summary>
public static class RetentionRule
{
    public static IReadOnlyList<RetentionApplied> Decide(RetentionDue due) =>
        due.Keys > 0 ? [new RetentionApplied(due.CutOff, due.Periods, due.Keys, due.At)] : [];
}
