namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// Every retired version of a stored event that journals may still hold, with the step to the version that replaced
/// it (docs/architecture.md, "The stored contract"). None yet: no stored event has changed shape since the contract.
/// </summary>
public static class Upcasters
{
    public static readonly IReadOnlyList<Upcaster> All = [];
}
