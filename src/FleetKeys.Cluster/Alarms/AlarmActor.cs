using Akka.Actor;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Alarms;

namespace FleetKeys.Cluster.Alarms;

public sealed class AlarmActor : EventSourcedEntity<AlarmState, AlarmCommand, AlarmEvent>
{
    public AlarmActor(AlarmId id, EntityServices services) : base(PersistenceIds.Alarm(id), AlarmState.Raised(id), services)
    {
        Command<AlarmCommand>(c => Execute(c));
        Command<GetAlarm>(_ => Sender.Tell(Answer));
    }

    protected override object Answer => AlarmDetails.Of(State);
}
