namespace FleetKeys.Domain.People;

/// <summary>
/// An outside system's own order for its changes to a person — a sequence number, or its clock as ticks — so a change it
/// sent before the last one applied is recognised when it arrives late. Only compared within one <c>Source</c>.
/// </summary>
public sealed record SourceVersion(string Source, long Version);
