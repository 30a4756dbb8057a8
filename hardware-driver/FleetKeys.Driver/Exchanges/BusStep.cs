using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver.Exchanges;

/// <summary>What the <see cref="ExchangeLoop"/> tells its owner to do, or what it learnt from the controller.</summary>
internal abstract record BusStep
{
    /// <summary>
    /// Write the frames, one per cabinet, in one write, and time their replies: the write numbered <paramref name="Exchange"/>
    /// is outstanding.
    /// </summary>
    public sealed record Transmit(IReadOnlyList<(CabinetOnBus Bus, byte[] Frame)> Frames, long Exchange) : BusStep
    {
        /// <summary>The frames back to back, as the write carries them.</summary>
        public byte[] Bytes => Frames.Count == 1 ? Frames[0].Frame : [.. Frames.SelectMany(f => f.Frame)];
    }

    /// <summary>The cabinet's exchange goes on with <paramref name="Frame"/> (the next step of a handshake, a resend), in the read's one write.</summary>
    public sealed record Continued(CabinetOnBus Bus, byte[] Frame) : BusStep;

    /// <summary>No cabinet is due: the bus rests this long before its next poll.</summary>
    public sealed record Rest(TimeSpan For) : BusStep;

    /// <summary>A new secure session with the cabinet; the exchange is over.</summary>
    public sealed record Established(CabinetOnBus Bus) : BusStep;

    /// <summary>The cabinet answered <paramref name="Sent"/> (null for a poll sent before the session dropped); the exchange is over.</summary>
    public sealed record Replied(CabinetOnBus Bus, Command? Sent, Reply Reply) : BusStep;

    /// <summary>The cabinet dropped its session: what was in flight goes again after the next handshake; the exchange is over.</summary>
    public sealed record SessionLost(CabinetOnBus Bus, NakCode Reason) : BusStep;

    /// <summary>The controller is busy: the cabinet is asked again at its next turn; the exchange is over.</summary>
    public sealed record Busy(CabinetOnBus Bus) : BusStep;

    /// <summary>A reply seen before (the controller repeated itself): nothing to do, the exchange goes on.</summary>
    public sealed record Duplicate : BusStep;

    /// <summary>
    /// A frame refused: <paramref name="FromController"/> when it was still a well-formed packet from the controller, and with
    /// <paramref name="Drop"/> set when the connection has to go (failed authentication, too many in a row).
    /// </summary>
    public sealed record Refused(ProtocolError Error, bool FromController, string? Drop) : BusStep;

    /// <summary>Whether a well-formed packet came from the controller.</summary>
    public bool Heard => this is not Transmit and not Rest and not Refused { FromController: false };

    /// <summary>The cabinet whose exchange this packet completed with an answer (a session or a reply), which makes it heard.</summary>
    public CabinetOnBus? Completed => this switch
    {
        Established e => e.Bus,
        Replied r => r.Bus,
        _ => null,
    };

    /// <summary>Whether the cabinet's exchange is over; the next write starts once no cabinet's reply is outstanding.</summary>
    public bool Ends => this is Established or Replied or SessionLost or Busy;
}
