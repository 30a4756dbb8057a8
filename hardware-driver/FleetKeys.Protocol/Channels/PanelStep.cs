using FleetKeys.Protocol.Messages;

namespace FleetKeys.Protocol.Channels;

/// <summary>What the driver should do after <see cref="PanelChannel.Receive"/>.</summary>
public abstract record PanelStep
{
    private PanelStep()
    {
    }

    /// <summary>The answer to the outstanding command (a NAK that concerns the command itself included).</summary>
    public sealed record ReplyReceived(Reply Reply) : PanelStep;

    /// <summary>The handshake goes on: send these bytes.</summary>
    public sealed record SendNext(byte[] Frame) : PanelStep;

    /// <summary>The session is up: commands may be sent.</summary>
    public sealed record Established : PanelStep;

    /// <summary>The controller is busy and did nothing: <see cref="PanelChannel.Retransmit"/> a little later.</summary>
    public sealed record ControllerBusy : PanelStep;

    /// <summary>The controller could not read the command (NAK "bad CRC"): send these bytes, the same frame, again.</summary>
    public sealed record Resend(byte[] Frame, NakCode Reason) : PanelStep;

    /// <summary>The controller has no session with us (it restarted, or refused a MAC or sequence): start a new handshake.</summary>
    public sealed record SessionLost(NakCode Reason) : PanelStep;

    /// <summary>A second copy of a reply already taken (a late answer to a retransmission): ignore it.</summary>
    public sealed record Duplicate : PanelStep;

    /// <summary>The frame was refused; log and count it. The outstanding command, if any, is still outstanding unless the handshake failed.</summary>
    public sealed record Rejected(ProtocolError Error) : PanelStep;
}
