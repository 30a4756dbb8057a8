namespace FleetKeys.Domain.ReadSide;

/// <summary>Asks the projection runner (a cluster singleton) where each projection has got to in the journal.</summary>
public sealed record GetProjectionStatus : IFleetKeysMessage;

public sealed record ProjectionStatus(string Name, long Offset, bool Running) : IFleetKeysMessage;

public sealed record ProjectionStatuses(IReadOnlyList<ProjectionStatus> Projections) : IFleetKeysMessage;

/// <summary>Drops a projection's tables and offset and replays the journal into them from the start.</summary>
public sealed record RebuildProjection(string Name) : IFleetKeysMessage;
