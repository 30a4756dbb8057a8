using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Tests.Support;

/// <summary>A driver-side and a controller-side channel wired back to back, with the wire in the test's hands.</summary>
internal sealed class Link
{
    public Link(byte address = 1, ControllerSecret? panelSecret = null, ControllerSecret? controllerSecret = null,
        FixedRandom? panelRandom = null, FixedRandom? controllerRandom = null)
    {
        var secret = ControllerSecret.Generate();
        Panel = new PanelChannel(address, panelSecret ?? secret, panelRandom);
        Controller = new PeripheralChannel(address, controllerSecret ?? secret, controllerRandom);
    }

    public PanelChannel Panel { get; set; }

    public PeripheralChannel Controller { get; set; }

    public Func<Command, Reply> Handler { get; set; } = _ => new Ack();

    public List<Command> Executed { get; } = [];

    public static Link Established(byte address = 1)
    {
        var link = new Link(address);
        link.Handshake();
        return link;
    }

    public void Handshake()
    {
        var proof = Assert.IsType<PanelStep.SendNext>(Return(Deliver(Panel.StartHandshake()).Response!));
        Assert.IsType<PanelStep.Established>(Return(Deliver(proof.Frame).Response!));
    }

    public PeripheralStep Deliver(byte[] frame) =>
        Controller.Receive(Parse(frame), command =>
        {
            Executed.Add(command);
            return Handler(command);
        });

    public PanelStep Return(byte[] frame) => Panel.Receive(Parse(frame));

    /// <summary>Send, deliver, return: the reply as the driver sees it.</summary>
    public PanelStep Exchange(Command command) => Return(Deliver(Panel.Send(command)).Response!);

    public static Packet Parse(byte[] frame) =>
        Packet.Parse(frame).Packet ?? throw new InvalidOperationException($"not a packet: {Convert.ToHexString(frame)}");

    /// <summary>Recomputes the CRC after a test tampered with a frame, so only the layer under test objects.</summary>
    public static byte[] WithFreshCrc(byte[] frame)
    {
        var copy = frame.ToArray();
        var crc = Crc16.Compute(copy.AsSpan(0, copy.Length - 2));
        copy[^2] = (byte)crc;
        copy[^1] = (byte)(crc >> 8);
        return copy;
    }
}
