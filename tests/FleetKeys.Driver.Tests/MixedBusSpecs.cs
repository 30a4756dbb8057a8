using System.Collections.Immutable;
using Akka.Event;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Security;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Driver.Exchanges;
using FleetKeys.Driver.Lanes;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// A mixed bus: a cabinet made of a FleetKeys board and a stock OSDP reader at another address. The reader's badges and keys
/// feed the board's take flow, what the person sees and hears goes to the reader, and everything else stays with the board.
/// </summary>
public sealed class MixedBusSpecs
{
    private static readonly ControllerId Controller = ControllerId.Parse("ctl-1");
    private static readonly CabinetId Cabinet = CabinetId.Parse("cab-1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingCluster _cluster = new();
    private readonly Dictionary<byte, CabinetOnBus> _devices;
    private readonly CabinetOnBus _board;
    private readonly CabinetOnBus _reader;
    private readonly TimeSpan _busNow = TimeSpan.FromSeconds(100);
    private readonly LinkCounters _counts = new();
    private readonly ReplyDispatch _dispatch;

    public MixedBusSpecs()
    {
        var config = ControllerState.Empty(Controller) with
        {
            Registered = true,
            Cabinets = ImmutableDictionary<int, AttachedCabinet>.Empty.Add(1, new AttachedCabinet(Cabinet, RequiresPin: true, ReaderAddress: 65))
                .Add(2, new AttachedCabinet(CabinetId.Parse("cab-2"), RequiresPin: false)),
            Commissioning = ImmutableDictionary<int, DateTimeOffset>.Empty.Add(65, _clock.GetUtcNow().AddMinutes(10)),
        };
        _devices = BusDevices.From(config, new BusKeys(config, ControllerSecret.Generate(), NoLogger.Instance));
        (_board, _reader) = (_devices[1], _devices[65]);
        var boards = BusDevices.Boards(_devices.Values);
        var polls = new PollScheduler(_devices.Keys, new PollPacing(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)));
        var pepper = SealingKey.Derive(new byte[32], "pin-pepper");
        var revocations = new RevocationLane(Controller, boards, _cluster, _clock);
        var allowLists = new AllowListLane(boards, revocations, _cluster, pepper, NoLogger.Instance);
        var locks = new LockLane(boards, polls, () => _busNow, _cluster, _clock, NoLogger.Instance);
        var errands = new CabinetErrands(_cluster, polls, () => _busNow, _clock, TimeSpan.FromSeconds(20), pepper, NoLogger.Instance);
        _dispatch = new ReplyDispatch(polls, () => _busNow, errands, allowLists, locks, Domain.Controllers.OfflinePolicy.DenyAll, _counts, _clock,
            NoLogger.Instance);
    }

    [Fact]
    public void The_configuration_makes_a_mixed_cabinet_two_devices_bound_to_each_other_each_with_its_own_channel_and_window()
    {
        Assert.Equal([1, 2, 65], _devices.Keys.Order().Select(a => (int)a));
        Assert.Same(_board, _reader.Board);
        Assert.Same(_reader, _board.Reader);
        Assert.Equal(Cabinet, _reader.Cabinet);
        Assert.Equal(65, _reader.Channel.BusAddress);
        Assert.NotNull(_reader.Commissioning);
        Assert.Null(_board.Commissioning);
        Assert.Null(_devices[2].Reader);
        Assert.Equal([1, 2], BusDevices.Boards(_devices.Values).Select(b => (int)b.Address).Order());
    }

    [Fact]
    public void What_the_person_sees_and_hears_goes_to_the_stock_reader_and_unlocks_stay_with_the_board()
    {
        _board.Enqueue(CabinetFeedback.Refused(Domain.Rejection.Of(Domain.RejectionCode.UnknownBadge, "unknown badge")));
        _board.Enqueue(new InventoryRequest(1));
        _board.EnqueueFirst(CabinetFeedback.Unlock(3, TimeSpan.FromSeconds(10)));

        Assert.Equal([typeof(LedControl), typeof(BuzzerControl), typeof(TextOutput)], RecordingCluster.Queued(_reader).Select(c => c.GetType()));
        Assert.Equal([typeof(OutputControl), typeof(InventoryRequest)], RecordingCluster.Queued(_board).Select(c => c.GetType()));
    }

    [Fact]
    public void A_new_session_with_the_stock_reader_asks_what_it_is_and_sends_it_no_MFG_message()
    {
        _dispatch.Established(_reader);
        _dispatch.Established(_board);

        Assert.Equal([new IdRequest(), new CapabilitiesRequest()], RecordingCluster.Queued(_reader));
        Assert.Contains(new StatusRequest(), RecordingCluster.Queued(_board));
    }

    [Fact]
    public void A_badge_read_at_the_stock_reader_asks_for_the_PIN_at_the_reader_and_the_PIN_goes_to_the_cluster_for_the_cabinet()
    {
        _dispatch.Replied(_reader, new Poll(), new CardRead(0, CardFormat.RawUnspecified, 32, ByteString.FromHex("04A1B2C3")));

        Assert.Empty(_cluster.Asks);
        Assert.Contains(RecordingCluster.Queued(_reader), c => c is TextOutput { Text: "Enter PIN, then #" });
        Assert.Empty(RecordingCluster.Queued(_board));

        _dispatch.Replied(_reader, new Poll(), new KeypadInput(0, "1234#"));

        var badge = Assert.IsType<PresentBadge>(Assert.Single(_cluster.Asks).Command);
        Assert.Equal((Cabinet, new BadgeNumber("04A1B2C3")), (badge.Cabinet, badge.Badge));
    }

    [Fact]
    public void The_boards_own_reader_keeps_working_for_a_cabinet_without_a_stock_reader()
    {
        var plain = _devices[2];

        _dispatch.Replied(plain, new Poll(), new CardRead(0, CardFormat.RawUnspecified, 32, ByteString.FromHex("04A1B2C3")));

        Assert.Equal(plain.Cabinet, Assert.IsType<PresentBadge>(Assert.Single(_cluster.Asks).Command).Cabinet);
    }

    [Fact]
    public void A_device_at_a_reader_address_is_known_for_what_it_said_it_is()
    {
        var stock = new DeviceProfile();
        var board = new DeviceProfile();
        var noCards = new DeviceProfile();
        var cardReader = new DeviceCapabilities([new Capability(CapabilityFunction.CardDataFormat, 1, 0)]);

        stock.Learn(new DeviceIdentification(new VendorCode(0x00, 0x13, 0x7D), 7, 2, 1, 3, 1, 0));
        stock.Learn(cardReader);
        board.Learn(new DeviceIdentification(VendorCode.FleetKeys, 1, 1, 1, 1, 0, 0));
        board.Learn(cardReader);
        noCards.Learn(new DeviceIdentification(new VendorCode(0x00, 0x13, 0x7D), 7, 2, 1, 3, 1, 0));
        noCards.Learn(new DeviceCapabilities([new Capability(CapabilityFunction.OutputControl, 1, 4)]));

        Assert.Null(stock.MisfitAsReader());
        Assert.False(stock.IsFleetKeysBoard);
        Assert.Contains("FleetKeys board", board.MisfitAsReader());
        Assert.Contains("does not read cards", noCards.MisfitAsReader());
        Assert.Null(new DeviceProfile().MisfitAsReader());
    }

    [Fact]
    public void A_silent_stock_reader_is_no_cabinet_going_offline_only_its_board_is()
    {
        var connectivity = new Connectivity(Controller, [.. _devices.Values], TimeSpan.FromSeconds(5), _clock, NoLogger.Instance);

        Assert.DoesNotContain(connectivity.Heard(_reader), r => r is Connectivity.CabinetReport);
        _clock.Advance(TimeSpan.FromSeconds(6));
        var reports = connectivity.Check().OfType<Connectivity.CabinetReport>().Select(r => r.Address).Order();

        Assert.Equal([1, 2], reports.Select(a => (int)a));
    }
}
