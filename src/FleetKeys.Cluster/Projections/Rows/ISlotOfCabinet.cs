namespace FleetKeys.Cluster.Projections.Rows;

/// <summary>A row about one slot of a cabinet: reached through the cabinet's site, or the group of the key homed in the slot.</summary>
public interface ISlotOfCabinet
{
    string CabinetId { get; }

    int Slot { get; }
}
