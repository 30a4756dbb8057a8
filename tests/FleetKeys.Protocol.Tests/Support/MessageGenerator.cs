using System.Text;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Tests.Support;

/// <summary>
/// Random but valid messages of every type, from a seeded <see cref="Random"/> so a failure can be
/// replayed. Sizes stay within one sealed frame.
/// </summary>
internal sealed class MessageGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public Command NextCommand() => _random.Next(23) switch
    {
        0 => new Poll(),
        1 => new IdRequest(),
        2 => new CapabilitiesRequest(),
        3 => new LocalStatusRequest(),
        4 => new InputStatusRequest(),
        5 => new OutputControl(List(1, 20, () => new OutputAction(U8(), Pick<OutputMode>(), Tenths(ushort.MaxValue)))),
        6 => new LedControl(List(1, 10, () => new LedRecord(U8(), U8(), Pick<TemporaryLedControl>(), Pattern(),
            Tenths(ushort.MaxValue), Pick<PermanentLedControl>(), Pattern()))),
        7 => new BuzzerControl(U8(), Pick<BuzzerTone>(), Tenths(byte.MaxValue), Tenths(byte.MaxValue), U8()),
        8 => new TextOutput(U8(), Pick<TextMode>(), U8(), U8(), U8(),
            new string(List(0, 100, () => (char)_random.Next(' ', '~' + 1)).ToArray())),
        9 => new Challenge(Bytes(8, 8)),
        10 => new ServerCryptogram(Bytes(16, 16)),
        11 => new InventoryRequest((byte)_random.Next(1, 256)),
        12 => new EventAck(U32(), U32()),
        13 => new AllowListUpsert(U32(), List(0, 4, Entry)),
        14 => new AllowListRemove(U32(), List(0, 20, () => Bytes(1, 32))),
        15 => new AllowListPurge(U32(), PersonId(1)),
        16 => new AllowListClear(U32()),
        17 => new SetOfflinePolicy(Pick<OfflinePolicy>()),
        18 => new SetClock(Time()),
        19 => new SetSlotQuestions((byte)_random.Next(1, 256), (ReturnQuestions)_random.Next(8),
            List(0, 9, () => new string(List(1, 20, () => (char)_random.Next(' ', '~' + 1)).ToArray()))),
        20 => new KeySet(new Scbk(Bytes(16, 16).Span)),
        21 => new CommunicationSet(U8(), U32()),
        _ => new StatusRequest(),
    };

    public Reply NextReply() => _random.Next(18) switch
    {
        0 => new Ack(),
        1 => new Nak((NakCode)U8()),
        2 => new DeviceIdentification(new VendorCode(U8(), U8(), U8()), U8(), U8(), U32(), U8(), U8(), U8()),
        3 => new DeviceCapabilities(List(0, 20, () => new Capability((CapabilityFunction)U8(), U8(), U8()))),
        4 => new LocalStatus(Bool(), Bool()),
        5 => new InputStatus(List(0, 64, Bool)),
        6 => CardRead(),
        7 => new KeypadInput(U8(), new string(List(0, 32, () => "0123456789*#"[_random.Next(12)]).ToArray())),
        8 => new ChallengeResponse(Bytes(8, 8), Bytes(8, 8), Bytes(16, 16)),
        9 => new InitialRMac(Bytes(16, 16)),
        10 => new Busy(),
        11 => Inventory(),
        12 => new EventReport(U32(), Events()),
        13 => new KeySelected((byte)_random.Next(1, 256), _random.Next(2) == 0 ? null : (byte)_random.Next(1, 10)),
        14 => new AllowListAck(U32()),
        15 => new CommunicationSettings(U8(), U32()),
        _ => new ControllerStatus(U8(), Pick<OfflinePolicy>(), U32(), U32(), U32(), U32(), Time()),
    };

    public CabinetEvent NextEvent(uint number) => _random.Next(15) switch
    {
        0 => new TagRemoved(number, Time(), Slot(), Bytes(1, 32)),
        1 => new TagInserted(number, Time(), Slot(), Bytes(1, 32)),
        2 => new DoorOpened(number, Time()),
        3 => new DoorClosed(number, Time()),
        4 => new OfflineAccessGranted(number, Time(), Bytes(1, 32), PersonId(1), U8()),
        5 => new OfflineAccessDenied(number, Time(), Bytes(1, 32), PersonId(0), U8(), Pick<DenialReason>()),
        6 => new TamperTripped(number, Time()),
        7 => new TamperRestored(number, Time()),
        8 => new MainsPowerLost(number, Time()),
        9 => new MainsPowerRestored(number, Time()),
        10 => new BatteryChanged(number, Time(), _random.Next(2) == 0, (byte)_random.Next(0, 101)),
        11 => new KeyFaultReported(number, Time(), Slot(), Bytes(1, 32), Pick<FaultLevel>(), PersonId(1)),
        12 => new TakeReasonChosen(number, Time(), Slot(), Bytes(1, 32), (byte)_random.Next(1, 10)),
        13 => new ReturnAnswered(number, Time(), Slot(), Bytes(1, 32), _random.Next(2) == 0 ? null : U32(),
            _random.Next(2) == 0 ? null : (byte)_random.Next(0, 101), _random.Next(3) switch { 0 => null, 1 => true, _ => false }),
        _ => new UnrecognisedEvent(number, Time(), (byte)_random.Next(0x80, 0x100), Bytes(0, 100)),
    };

    private ValueList<CabinetEvent> Events()
    {
        var number = (uint)_random.Next(1, 1000);
        return List(0, 8, () => NextEvent(number += (uint)_random.Next(1, 3)));
    }

    private CardRead CardRead()
    {
        var bits = (ushort)_random.Next(1, 200);
        return new CardRead(U8(), Pick<CardFormat>(), bits, Bytes((bits + 7) / 8, (bits + 7) / 8));
    }

    private InventoryReport Inventory()
    {
        var slotCount = (byte)_random.Next(0, 256);
        var first = (byte)_random.Next(1, slotCount + 2);
        var tags = List(0, Math.Min(20, slotCount - first + 1), () => _random.Next(3) == 0 ? ByteString.Empty : Bytes(1, 32));
        return new InventoryReport(slotCount, first, tags);
    }

    private AllowListEntry Entry() => new(Bytes(1, 32), PersonId(1),
        _random.Next(2) == 0 ? null : new PinVerifier(_random.Next(1, PinVerifier.MaxIterations + 1), Bytes(16, 16), Bytes(32, 32)),
        _random.Next(2) == 0 ? null : Time(), _random.Next(2) == 0 ? null : Time(),
        SlotSet.Of(List(0, 30, Slot).Select(slot => (int)slot)));

    private LedPattern Pattern() => new(Tenths(byte.MaxValue), Tenths(byte.MaxValue), Pick<LedColor>(), Pick<LedColor>());

    /// <summary>Ids as the cluster makes them, with a sprinkle of non-ASCII to prove UTF-8 survives.</summary>
    private string PersonId(int minLength)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-é€";
        var text = new StringBuilder();
        var length = _random.Next(minLength, 20);
        while (text.Length < length) text.Append(alphabet[_random.Next(alphabet.Length)]);
        return text.ToString();
    }

    private ValueList<T> List<T>(int min, int max, Func<T> next) =>
        new(Enumerable.Range(0, _random.Next(min, Math.Max(min, max) + 1)).Select(_ => next()).ToArray());

    private ByteString Bytes(int min, int max)
    {
        var bytes = new byte[_random.Next(min, max + 1)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>() where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        return values[_random.Next(values.Length)];
    }

    private DateTimeOffset Time() => DateTimeOffset.FromUnixTimeMilliseconds(_random.NextInt64(1, 4_102_444_800_000));

    private TimeSpan Tenths(int max) => TimeSpan.FromMilliseconds(_random.Next(0, max + 1) * 100L);

    private byte Slot() => (byte)_random.Next(1, 256);

    private byte U8() => (byte)_random.Next(256);

    private uint U32() => (uint)_random.NextInt64(0, uint.MaxValue + 1L);

    private bool Bool() => _random.Next(2) == 1;
}
