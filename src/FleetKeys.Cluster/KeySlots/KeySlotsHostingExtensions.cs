using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Cluster.KeySlots;

/// <summary>Registry key of the key slot shard region.</summary>
public sealed class KeySlotRegion;

public static class KeySlotsHostingExtensions
{
    public static AkkaConfigurationBuilder AddKeySlots(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<KeySlotRegion, IKeySlotMessage>("keyslot", m => m.Slot.Value,
            (id, services) => Props.Create<KeySlotActor>(SlotId.Parse(id), services));
}
