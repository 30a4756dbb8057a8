namespace FleetKeys.Protocol.Messages;

/// <summary>A decoded message, or why there is none.</summary>
public readonly record struct DecodeResult<T>(T? Message, ProtocolError Error) where T : Message
{
    public bool IsSuccess => Error == ProtocolError.None;
}
