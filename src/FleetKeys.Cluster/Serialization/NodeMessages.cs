using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.ReadSide;
using FleetKeys.Domain.Retention;
using static FleetKeys.Cluster.Serialization.MessageContract;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// The node's own plumbing that crosses the cluster — a driver's status, a cabinet's wake-up, the projections' status
/// and rebuild, the retention's last look — named apart from the domain's contract (<see cref="MessageContract"/>): none
/// is persisted, and none is a fact or a decision of the domain.
/// </summary>
public static class NodeMessages
{
    public static readonly IReadOnlyList<MessageName> All =
    [
        Name<WakeCabinet>("node.wake-cabinet.v1"),
        Name<GetDriverStatus>("node.get-driver-status.v1"),
        Name<DriverStatus>("node.driver-status.v1"),
        Name<GetProjectionStatus>("node.get-projection-status.v1"),
        Name<ProjectionStatus>("node.projection-status.v1"),
        Name<ProjectionStatuses>("node.projection-statuses.v1"),
        Name<RebuildProjection>("node.rebuild-projection.v1"),
        Name<GetRetentionLook>("node.get-retention-look.v1"),
        Name<RetentionLook>("node.retention-look.v1"),
    ];
}
