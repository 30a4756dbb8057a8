namespace FleetKeys.Domain.Controllers;

/// <summary>What a cabinet decides on its own while its controller cannot reach the cluster.</summary>
public enum OfflinePolicy
{
    /// <summary>Nobody gets a key until the cluster is back; returns are still recorded.</summary>
    DenyAll,

    /// <summary>Badges in the controller's pushed allow-list get their keys; the decisions are uploaded later.</summary>
    AllowCached,
}
