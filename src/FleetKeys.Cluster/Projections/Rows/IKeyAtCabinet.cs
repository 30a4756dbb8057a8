namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>A row about one key at one cabinet: what a scoped caller's sites (through the cabinet) or key groups reach.</summary>
public interface IKeyAtCabinet
{
    string CabinetId { get; }

    string KeyGroup { get; }
}
