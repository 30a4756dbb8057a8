using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Simulator;

/// <summary>What a <see cref="SimulatedController"/> routes to a bus address, whichever kind of device answers there.</summary>
internal interface IBusDevice
{
    byte BusAddress { get; }

    PeripheralChannel NewChannel();

    /// <summary>A packet from the authenticated connection, checked through the device's channel.</summary>
    byte[]? Receive(Packet packet);

    /// <summary>A packet from a connection not authenticated yet, on its own <paramref name="channel"/>: only a handshake gets anywhere.</summary>
    byte[]? ReceiveHandshake(Packet packet, PeripheralChannel channel);

    byte[] RejectUnreadable(FrameResult frame, PeripheralChannel? channel = null);

    void Dispose();
}
