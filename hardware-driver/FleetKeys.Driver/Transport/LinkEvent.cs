namespace FleetKeys.Driver.Transport;

/// <summary>What a <see cref="ControllerLink"/> tells its owner, each tagged with the generation of the dial it belongs to.</summary>
public abstract record LinkEvent(int Generation)
{
    public sealed record Connected(ControllerLink Link, int Generation) : LinkEvent(Generation);

    /// <summary>No connection: <paramref name="Untrusted"/> when the controller answered but its TLS certificate is not the pinned one.</summary>
    public sealed record DialFailed(string Reason, int Generation, bool Untrusted = false) : LinkEvent(Generation);

    public sealed record Received(byte[] Bytes, int Generation) : LinkEvent(Generation);

    public sealed record Lost(string Reason, int Generation) : LinkEvent(Generation);
}
