using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Alarms;

namespace FleetKeys.Cluster.Alarms;

/// <summary>Registry key of the alarm shard region.</summary>
public sealed class AlarmRegion;

public static class AlarmsHostingExtensions
{
    public static AkkaConfigurationBuilder AddAlarms(this AkkaConfigurationBuilder builder) =>
        builder.WithEntity<AlarmRegion, IAlarmMessage>("alarm", m => m.Alarm.Value,
            (id, services) => Props.Create<AlarmActor>(AlarmId.Parse(id), services));
}
