using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// An operator's commissioning window for one device: until <paramref name="until"/>, a device that answers the driver's
/// challenge with the default key SCBK-D is given its own key instead of being refused — one handshake under SCBK-D, then
/// osdp_KEYSET with the key derived for its address (docs/protocol.md "KEYSET 0x75"). Outside the window it is refused.
/// </summary>
internal sealed class Commissioning(byte address, Scbk own, DateTimeOffset until)
{
    public bool IsOpen(DateTimeOffset now) => now <= until;

    /// <summary>The channel to commission on, and the KEYSET that goes first once its session is up.</summary>
    public (PanelChannel Channel, KeySet KeySet) Begin() => (new PanelChannel(address, Scbk.Default), new KeySet(own));
}
