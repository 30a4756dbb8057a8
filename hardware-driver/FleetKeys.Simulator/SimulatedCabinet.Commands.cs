using System.Security.Cryptography;
using System.Text;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>The driver's side of the cabinet: every command docs/protocol.md lists, as the peripheral answers it.</summary>
public sealed partial class SimulatedCabinet
{
    PeripheralChannel IBusDevice.NewChannel()
    {
        lock (_gate) return _endpoint.NewChannel();
    }

    /// <summary>Checks a packet from the authenticated connection through its channel and returns what to send back.</summary>
    byte[]? IBusDevice.Receive(Packet packet)
    {
        lock (_gate) return Receive(packet, _endpoint.Channel, Execute);
    }

    /// <summary>
    /// A packet from a connection not authenticated yet, checked on that connection's own <paramref name="channel"/>: only
    /// a handshake gets anywhere, and one that completes makes it this cabinet's channel. Counted like any other.
    /// </summary>
    byte[]? IBusDevice.ReceiveHandshake(Packet packet, PeripheralChannel channel) =>
        Receive(packet, channel, _ => new Nak(NakCode.SecurityConditionsNotMet));

    private byte[]? Receive(Packet packet, PeripheralChannel channel, Func<Command, Reply> execute)
    {
        lock (_gate)
        {
            var response = _endpoint.Receive(packet, channel, execute, MarkOnline);
            Changed();
            return response;
        }
    }

    /// <summary>A frame that failed framing and names this address: NAK "message check error", so the driver resends.</summary>
    byte[] IBusDevice.RejectUnreadable(FrameResult frame, PeripheralChannel? channel)
    {
        lock (_gate) return _endpoint.RejectUnreadable(frame, channel);
    }

    /// <summary>Called by the channel only for authentic, fresh, in-sequence commands, once each.</summary>
    private Reply Execute(Command command)
    {
        MarkOnline();
        Reply reply = command switch
        {
            Poll => _endpoint.Input.Report() ?? _log.Report() ?? (Reply)new Ack(),
            IdRequest => new DeviceIdentification(VendorCode.FleetKeys, 1, 1, SerialNumber(), 1, 0, 0),
            CapabilitiesRequest => Capabilities(),
            LocalStatusRequest => new LocalStatus(Tamper: _tampered, PowerFailure: _onBattery),
            InputStatusRequest => new InputStatus([_doorOpen, _tampered]),
            OutputControl output => Output(output),
            LedControl or BuzzerControl or TextOutput => _reader.Obey(command)!,
            InventoryRequest request => Inventory(request),
            EventAck ack => Done(() => _log.Acknowledge(ack)),
            AllowListUpsert or AllowListRemove or AllowListPurge or AllowListClear => _allowList.Apply((ManufacturerCommand)command),
            SetOfflinePolicy policy => Done(() => _policy = policy.Policy),
            SetSlotQuestions questions => Done(() => Remember(questions)),
            SetClock clock => Done(() => _clockOffset = clock.Now - _time.GetUtcNow()),
            StatusRequest => new ControllerStatus((byte)SlotCount, _policy, _allowList.State.Version, _log.Epoch,
                _log.LastNumber, _log.AcknowledgedUpTo, Now()),
            _ => new Nak(NakCode.UnknownCommand),
        };
        if (reply is Nak) _endpoint.Naked();
        return reply;
    }

    /// <summary>Slot 0 forgets every slot's lists; a slot that asks nothing is forgotten alone.</summary>
    private void Remember(SetSlotQuestions questions)
    {
        if (questions.Slot == 0) _questions.Clear();
        else if (questions is { Asks: ReturnQuestions.None, Reasons.Count: 0 }) _questions.Remove(questions.Slot);
        else _questions[questions.Slot] = questions;
    }

    private static Ack Done(Action change)
    {
        change();
        return new Ack();
    }

    /// <summary>All or nothing: one record for an output the cabinet lacks refuses the whole command.</summary>
    private Reply Output(OutputControl control)
    {
        if (control.Actions.Any(action => action.Output > SlotCount)) return new Nak(NakCode.UnableToProcess);
        var now = _time.GetUtcNow();
        foreach (var action in control.Actions) _locks[action.Output].Apply(action.Mode, action.Duration, now);
        return new Ack();
    }

    /// <summary>From the slot asked for, as many slots as one packet holds; the driver asks again for the rest.</summary>
    private Reply Inventory(InventoryRequest request)
    {
        if (request.FirstSlot > SlotCount) return new Nak(NakCode.UnableToProcess);
        var (slots, first) = ((byte)SlotCount, request.FirstSlot);
        var tags = Enumerable.Range(first, SlotCount - first + 1)
            .Select(slot => _blindSlots.Contains((byte)slot) ? ByteString.Empty : _tags[slot] ?? ByteString.Empty).ToArray();
        var header = new InventoryReport(slots, first, []).EncodeData().Length;
        var count = ReplyBudget.Fit(header, tags.Select(tag => new InventoryReport(slots, first, [tag]).EncodeData().Length - header));
        return new InventoryReport(slots, first, tags[..count]);
    }

    /// <summary>What docs/protocol.md requires (outputs = slots + door, a 1024-byte buffer) and what the cabinet has.</summary>
    private DeviceCapabilities Capabilities()
    {
        var outputs = (byte)(SlotCount + 1);
        return new DeviceCapabilities(
        [
            new Capability(CapabilityFunction.ContactStatusMonitoring, 1, 2),
            new Capability(CapabilityFunction.OutputControl, 1, outputs),
            new Capability(CapabilityFunction.ReaderLedControl, 1, outputs),
            new Capability(CapabilityFunction.ReaderAudibleOutput, 1, 1),
            new Capability(CapabilityFunction.ReaderTextOutput, 1, 1),
            new Capability(CapabilityFunction.CheckCharacterSupport, 1, 0),
            new Capability(CapabilityFunction.ReceiveBufferSize, Packet.MaxLength & 0xFF, Packet.MaxLength >> 8),
        ]);
    }

    /// <summary>Stable per cabinet id, so PDID reads the same on every run.</summary>
    private uint SerialNumber() => BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(CabinetId)));
}
