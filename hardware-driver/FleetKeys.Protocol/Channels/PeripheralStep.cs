namespace FleetKeys.Protocol.Channels;

/// <summary>
/// What the controller should do after <see cref="PeripheralChannel.Receive"/>: send
/// <see cref="Response"/> if there is one, and count <see cref="Error"/> if it is not None.
/// <see cref="IsRetransmission"/> marks a resend of the last reply to a repeated command.
/// </summary>
public readonly record struct PeripheralStep(byte[]? Response, ProtocolError Error, bool IsRetransmission = false);
