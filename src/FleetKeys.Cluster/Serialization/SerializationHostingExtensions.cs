using Akka.Hosting;

namespace FleetKeys.Cluster.Serialization;

public static class SerializationHostingExtensions
{
    /// <summary>
    /// Binds every FleetKeys message to the JSON serializer and switches off the fallback serializer,
    /// so a type without a binding fails when it is first sent rather than being written in an unknown format.
    /// </summary>
    public static AkkaConfigurationBuilder AddFleetKeysSerialization(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer("fleetkeys-json", [typeof(FleetKeys.Domain.IFleetKeysMessage)],
                system => new FleetKeysJsonSerializer(system))
            .AddHocon("akka.actor.serialization-settings.allow-unregistered-types = false", HoconAddMode.Prepend);
}
