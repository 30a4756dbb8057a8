using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver.Exchanges;

/// <summary>What the <see cref="ExchangeLoop"/> tells its owner to do, or what it learnt from the controller.</summary>
internal abstract record BusStep
{
    /// <summary>Write the frame and time its reply: the exchange numbered <paramref name="Exchange"/> is outstanding.</summary>
    public sealed record Transmit(CabinetOnBus Bus, byte[] Frame, long Exchange) : BusStep;

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

    /// <summary>Whether the exchange is over and the next one may start.</summary>
    public bool Ends => this is Established or Replied or SessionLost or Busy;
}
