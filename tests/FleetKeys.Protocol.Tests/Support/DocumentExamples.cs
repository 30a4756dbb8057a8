using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Tests.Support;

/// <summary>
/// Every hex dump in docs/protocol.md, made by the real encoder and channels from fixed inputs
/// (secret, random numbers, clock), so the document shows what the code sends.
/// </summary>
internal static class DocumentExamples
{
    public const byte Address = 0x01;
    public static readonly byte[] Secret = Enumerable.Range(0x00, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] PanelRandom = Enumerable.Range(0xA0, 8).Select(i => (byte)i).ToArray();
    public static readonly byte[] DeviceRandom = Enumerable.Range(0xB0, 8).Select(i => (byte)i).ToArray();

    /// <summary>The device key of <see cref="Address"/> under <see cref="Secret"/>.</summary>
    public static byte[] Key => Scbk.Derive(new ControllerSecret(Secret), Address).Key.ToArray();
    public const uint Epoch = 0x5EED0001;

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 8, 30, 0, TimeSpan.Zero);
    private static readonly ByteString Badge = ByteString.FromHex("1F4A9C40");
    private static readonly ByteString TagA = ByteString.FromHex("04A1B2C3D4E5F6");
    private static readonly ByteString TagB = ByteString.FromHex("04112233445566");

    private static readonly PinVerifier Pin = new(20_000,
        ByteString.FromHex("000102030405060708090A0B0C0D0E0F"),
        ByteString.FromHex("F0E1D2C3B4A5968778695A4B3C2D1E0F00112233445566778899AABBCCDDEEFF"));

    public static IReadOnlyList<(string Name, byte[] Bytes)> All() => [.. Framing(), .. Data(), .. Conversation(), .. OneWrite(), .. MixedBus()];

    /// <summary>The stock reader of a mixed cabinet, at bus address 0x41 beside the board at 0x01 (docs/protocol.md, "A mixed bus").</summary>
    public const byte ReaderAddress = 0x41;

    /// <summary>
    /// A stock reader's identification and capabilities, and two exchanges in its session: a poll answered with a card read,
    /// and a FleetKeys MFG message (status request) it NAKs as an unknown command.
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> MixedBus()
    {
        var secret = new ControllerSecret(Secret);
        var panel = new PanelChannel(ReaderAddress, secret, new FixedRandom(PanelRandom));
        var reader = new PeripheralChannel(ReaderAddress, secret, new FixedRandom(DeviceRandom));
        var proof = (PanelStep.SendNext)panel.Receive(Packet.Parse(reader.Receive(Packet.Parse(panel.StartHandshake()).Packet!, _ => new Ack()).Response!).Packet!);
        panel.Receive(Packet.Parse(reader.Receive(Packet.Parse(proof.Frame).Packet!, _ => new Ack()).Response!).Packet!);
        var frames = new List<(string, byte[])>
        {
            ("mixed-reader-pdid", new DeviceIdentification(new VendorCode(0x00, 0x13, 0x7D), 7, 2, 0x00BC614E, 3, 1, 0).EncodeData()),
            ("mixed-reader-pdcap", new DeviceCapabilities(
            [
                new Capability(CapabilityFunction.CardDataFormat, 1, 0),
                new Capability(CapabilityFunction.ReaderLedControl, 1, 1),
                new Capability(CapabilityFunction.ReaderAudibleOutput, 1, 1),
                new Capability(CapabilityFunction.ReaderTextOutput, 1, 1),
                new Capability(CapabilityFunction.CommunicationSecurity, 1, 1),
            ]).EncodeData()),
        };
        (string, Command, Reply)[] exchanges =
        [
            ("mixed-s1", new Poll(), new CardRead(0, CardFormat.RawWiegand, 26, Badge)),
            ("mixed-s2", new StatusRequest(), new Nak(NakCode.UnknownCommand)),
        ];
        foreach (var (name, command, reply) in exchanges)
        {
            var frame = panel.Send(command);
            var answer = reader.Receive(Packet.Parse(frame).Packet!, _ => reply).Response!;
            panel.Receive(Packet.Parse(answer).Packet!);
            frames.Add(($"{name}-command", frame));
            frames.Add(($"{name}-reply", answer));
        }

        return frames;
    }

    /// <summary>Two cabinets' challenges in one write, and their controller's answers in one write.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> OneWrite()
    {
        var secret = new ControllerSecret(Secret);
        byte[] addresses = [Address, Address + 1];
        var challenges = addresses.Select(a => new PanelChannel(a, secret, new FixedRandom(PanelRandom)).StartHandshake()).ToList();
        var answers = addresses.Zip(challenges, (a, challenge) => new PeripheralChannel(a, secret, new FixedRandom(DeviceRandom))
            .Receive(Packet.Parse(challenge).Packet!, _ => new Ack()).Response!);
        return [("write-challenges", [.. challenges.SelectMany(c => c)]), ("write-answers", [.. answers.SelectMany(a => a)])];
    }

    /// <summary>The frames of a handshake and of a first exchange in the session, in order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Conversation()
    {
        var secret = new ControllerSecret(Secret);
        var panel = new PanelChannel(Address, secret, new FixedRandom(PanelRandom));
        var controller = new PeripheralChannel(Address, secret, new FixedRandom(DeviceRandom));
        var replies = new Queue<Reply>(
        [
            new CardRead(0, CardFormat.RawWiegand, 26, Badge),
            new Ack(),
            new EventReport(Epoch, [new DoorOpened(41, Now), new TagRemoved(42, Now.AddSeconds(3), 3, TagA)]),
            new Ack(),
        ]);
        var frames = new List<(string, byte[])>();

        byte[] Exchange(string command, string reply, byte[] frame)
        {
            frames.Add((command, frame));
            var answer = controller.Receive(Packet.Parse(frame).Packet!, _ => replies.Dequeue()).Response!;
            frames.Add((reply, answer));
            return answer;
        }

        var proof = (PanelStep.SendNext)panel.Receive(Packet.Parse(Exchange("hs-chlng", "hs-ccrypt", panel.StartHandshake())).Packet!);
        panel.Receive(Packet.Parse(Exchange("hs-scrypt", "hs-rmac-i", proof.Frame)).Packet!);
        Command[] commands =
        [
            new Poll(),
            new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))]),
            new Poll(),
            new EventAck(Epoch, 42),
        ];
        for (var i = 0; i < commands.Length; i++)
            panel.Receive(Packet.Parse(Exchange($"s{i + 1}-command", $"s{i + 1}-reply", panel.Send(commands[i]))).Packet!);
        return frames;
    }

    private static IEnumerable<(string, byte[])> Framing() =>
    [
        ("frame-poll-plain", Packet.Encode(Address, 0, (byte)CommandCode.Poll, [])),
        ("frame-nak-plain", Packet.Encode(Address | Packet.ReplyFlag, 0, (byte)ReplyCode.Nak, new Nak(NakCode.SecurityConditionsNotMet).EncodeData())),
        ("hs-secret", Secret),
        ("hs-scbk", Key),
        ("hs-rnd-a", PanelRandom),
        ("hs-rnd-b", DeviceRandom),
    ];

    private static IEnumerable<(string, byte[])> Data()
    {
        Message[] messages =
        [
            new IdRequest(),
            new KeySet(new Scbk(Key)),
            new CapabilitiesRequest(),
            new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5)), OutputAction.Lock(OutputAction.Door)]),
            new LedControl([new LedRecord(0, 3, TemporaryLedControl.Set,
                new LedPattern(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500), LedColor.Green, LedColor.Black),
                TimeSpan.FromSeconds(10), PermanentLedControl.Set,
                new LedPattern(TimeSpan.FromMilliseconds(100), TimeSpan.Zero, LedColor.Red, LedColor.Red))]),
            new BuzzerControl(0, BuzzerTone.Default, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100), 2),
            new TextOutput(0, TextMode.PermanentNoWrap, 0, 1, 1, "TAKE KEY 3"),
            new TextOutput(0, TextMode.TemporaryWrap, 10, 0, 0, "Request filed: await approval"),
            new TextOutput(0, TextMode.TemporaryWrap, 10, 0, 0, "Hand over: receiver badge now"),
            new InventoryRequest(1),
            new EventAck(Epoch, 42),
            new AllowListUpsert(8, [new AllowListEntry(Badge, "p-1042", Pin, Now, null, SlotSet.Of(1, 2, 3, 17))]),
            new AllowListRemove(9, [Badge]),
            new AllowListPurge(10, "p-1042"),
            new AllowListClear(1),
            new SetOfflinePolicy(OfflinePolicy.AllowCached),
            new SetClock(Now),
            new SetSlotQuestions(3, ReturnQuestions.Odometer | ReturnQuestions.Fuel, ["Delivery", "Service", "Training"]),
            new Nak(NakCode.SecurityConditionsNotMet),
            new DeviceIdentification(VendorCode.FleetKeys, 1, 2, 0x00012345, 1, 4, 7),
            new DeviceCapabilities(
            [
                new Capability(CapabilityFunction.ContactStatusMonitoring, 1, 2),
                new Capability(CapabilityFunction.OutputControl, 1, 25),
                new Capability(CapabilityFunction.ReaderLedControl, 1, 25),
                new Capability(CapabilityFunction.CheckCharacterSupport, 1, 0),
                new Capability(CapabilityFunction.ReceiveBufferSize, 0x00, 0x04),
            ]),
            new LocalStatus(false, false),
            new InputStatus([true, false]),
            new CardRead(0, CardFormat.RawWiegand, 26, Badge),
            new KeypadInput(0, "4711#"),
            new KeypadInput(0, "*4711*2468*2468#"),
            new InventoryReport(4, 1, [TagA, ByteString.Empty, TagB, ByteString.Empty]),
            new EventReport(Epoch, [new DoorOpened(41, Now), new TagRemoved(42, Now.AddSeconds(3), 3, TagA)]),
            new EventReport(Epoch,
            [
                new TagInserted(43, Now.AddMinutes(5), 3, TagA),
                new OfflineAccessGranted(44, Now.AddHours(1), Badge, "p-1042", 3),
                new OfflineAccessDenied(45, Now.AddHours(2), ByteString.FromHex("0BADC0DE"), "", 0, DenialReason.UnknownBadge),
            ]),
            new EventReport(Epoch,
            [
                new MainsPowerLost(46, Now.AddHours(3)),
                new BatteryChanged(47, Now.AddHours(5), Low: true, ChargePercent: 18),
                new MainsPowerRestored(48, Now.AddHours(6)),
                new BatteryChanged(49, Now.AddHours(7), Low: false, ChargePercent: 40),
            ]),
            new EventReport(Epoch,
            [
                new TagInserted(50, Now.AddHours(8), 3, TagA),
                new KeyFaultReported(51, Now.AddHours(8).AddSeconds(20), 3, TagA, FaultLevel.Critical, "Brakes faulty"),
            ]),
            new EventReport(Epoch,
            [
                new TakeReasonChosen(52, Now.AddHours(9), 3, TagA, 2),
                new TagRemoved(53, Now.AddHours(9).AddSeconds(4), 3, TagA),
                new TagInserted(54, Now.AddHours(12), 3, TagA),
                new ReturnAnswered(55, Now.AddHours(12).AddSeconds(30), 3, TagA, 12730, 40, false),
            ]),
            new KeySelected(3),
            new KeySelected(3, 2),
            new AllowListAck(8),
            new ControllerStatus(24, OfflinePolicy.AllowCached, 8, Epoch, 45, 42, Now),
        ];
        var seen = new Dictionary<string, int>();
        foreach (var message in messages)
        {
            var name = "data-" + Kebab(message.GetType().Name);
            seen[name] = seen.GetValueOrDefault(name) + 1;
            yield return (seen[name] == 1 ? name : $"{name}-{seen[name]}", message.EncodeData());
        }
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
