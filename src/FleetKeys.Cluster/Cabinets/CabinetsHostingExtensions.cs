using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Cabinets;

/// <summary>Registry key of the cabinet shard region.</summary>
public sealed class CabinetRegion;

public static class CabinetsHostingExtensions
{
    public static AkkaConfigurationBuilder AddCabinets(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<CabinetRegion, ICabinetMessage>("cabinet", m => m.Cabinet.Value,
            (id, services) => Props.Create<CabinetActor>(CabinetId.Parse(id), services));
}
