namespace FleetKeys.Domain.People;

/// <summary>
/// An outside system's own order for its changes to a person — a sequence number, or its clock as ticks — so a change it
/// sent before the last one applied is recognised when it arrives late. Only compared within one <c>Source</c>.
/// </summary>
public sealed record SourceVersion(string Source, long Version)
{
    /// <summary>Refuses this change if its source sent it before the newest one already applied from it, naming the one kept.</summary>
    public Rejection? BehindAny(IReadOnlyDictionary<string, long> applied) =>
        applied.TryGetValue(Source, out var kept) && Version < kept
            ? Rejection.Of(RejectionCode.Outdated, $"{Source} version {Version} is older than version {kept}, already applied: {kept} is kept")
            : null;
}
