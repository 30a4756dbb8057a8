using BenchmarkDotNet.Attributes;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Benchmarks;

/// <summary>
/// The wire codec: message bodies, framing, and one whole authenticated poll exchange as driver and controller do it
/// (seal and MAC, frame, check and execute, reply, check) — the cost every cabinet pays ten times a second when idle.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly DateTimeOffset Time = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    private readonly Command _unlock = new OutputControl([OutputAction.Unlock(17, TimeSpan.FromSeconds(30))]);
    private readonly Reply _card = new CardRead(0, CardFormat.RawUnspecified, 32, ByteString.FromHex("9F3A61C2"));
    private readonly Command _upsert = new AllowListUpsert(42, [.. Enumerable.Range(0, 4).Select(i =>
        new AllowListEntry(ByteString.FromHex($"9F3A61{i:X2}"), $"p-1234{i}", null, null, null, SlotSet.Of(Enumerable.Range(1, 40))))]);
    private readonly Reply _events = new EventReport(7, [.. Enumerable.Range(1, 10).Select(n =>
        (CabinetEvent)new TagRemoved((uint)n, Time, (byte)n, ByteString.FromHex("04A1B2C3D4E5F6")))]);

    private byte[] _upsertData = null!;
    private byte[] _eventsData = null!;
    private byte[] _frame = null!;
    private PanelChannel _panel = null!;
    private PeripheralChannel _controller = null!;

    [GlobalSetup]
    public void Setup()
    {
        _upsertData = _upsert.EncodeData();
        _eventsData = _events.EncodeData();
        _frame = Packet.Encode(1, 1, (byte)_unlock.Code, _unlock.EncodeData());
        var secret = ControllerSecret.Generate();
        (_panel, _controller) = (new PanelChannel(1, secret), new PeripheralChannel(1, secret));
        var proof = (PanelStep.SendNext)_panel.Receive(Parse(_controller.Receive(Parse(_panel.StartHandshake()), Execute).Response!));
        _panel.Receive(Parse(_controller.Receive(Parse(proof.Frame), Execute).Response!));
    }

    [Benchmark]
    public byte[] EncodeUnlock() => _unlock.EncodeData();

    [Benchmark]
    public byte[] EncodeCardRead() => _card.EncodeData();

    [Benchmark]
    public byte[] EncodeAllowListUpsert4() => _upsert.EncodeData();

    [Benchmark]
    public DecodeResult<Command> DecodeAllowListUpsert4() => Command.DecodeData((byte)_upsert.Code, _upsertData);

    [Benchmark]
    public DecodeResult<Reply> DecodeEventReport10() => Reply.DecodeData((byte)_events.Code, _eventsData);

    [Benchmark]
    public FrameResult ParseFrame() => Packet.Parse(_frame);

    [Benchmark]
    public int FrameReaderThreeFrames()
    {
        var reader = new FrameReader();
        reader.Append(_frame);
        reader.Append(_frame);
        reader.Append(_frame);
        var read = 0;
        while (reader.TryRead(out _)) read++;
        return read;
    }

    /// <summary>Driver seals a POLL, controller checks and answers ACK, driver checks the reply: one idle poll.</summary>
    [Benchmark]
    public PanelStep SecurePollExchange() =>
        _panel.Receive(Parse(_controller.Receive(Parse(_panel.Send(new Poll())), Execute).Response!));

    private static Reply Execute(Command command) => new Ack();

    private static Packet Parse(byte[] frame) => Packet.Parse(frame).Packet!;
}
