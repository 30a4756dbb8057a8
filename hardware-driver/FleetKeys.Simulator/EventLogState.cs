using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// A cabinet's event log at one moment: its epoch, the newest number written, the highest number
/// acknowledged, and the events still kept because no acknowledgement covers them yet, oldest first.
/// </summary>
public sealed record EventLogState(uint Epoch, uint LastNumber, uint AcknowledgedUpTo, ValueList<CabinetEvent> Pending);
