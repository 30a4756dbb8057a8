namespace FleetKeys.Domain.Tests;

public class CabinetRegistrationTests
{
    [Fact]
    public void Registering_a_cabinet()
    {
        var command = ACabinet.Register(slotCount: 24, busAddress: 5, requiresPin: true);
        var registered = CabinetState.Empty(Cab1).Decide(command).OnlyEvent<CabinetRegistered, CabinetEvent>();
        Assert.Equal(new CabinetRegistered(Cab1, SiteA, Berlin, Ctl1, 5, 24, true, command.At), registered);

        var cabinet = CabinetState.Empty(Cab1).Apply(registered);
        Assert.True(cabinet.Registered);
        Assert.Equal(SiteA, cabinet.Site);
        Assert.Equal(Berlin, cabinet.TimeZoneId);
        Assert.Equal(Ctl1, cabinet.Controller);
        Assert.Equal(5, cabinet.BusAddress);
        Assert.Equal(24, cabinet.SlotCount);
        Assert.True(cabinet.RequiresPin);
        Assert.Equal(new SlotId(Cab1, 7), cabinet.SlotId(7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(256)]
    public void The_slot_count_must_be_between_1_and_255(int slotCount)
    {
        CabinetState.Empty(Cab1).Decide(ACabinet.Register(slotCount: slotCount)).Rejected(RejectionCode.Invalid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    public void The_slot_count_limits_are_inclusive(int slotCount)
    {
        CabinetState.Empty(Cab1).Decide(ACabinet.Register(slotCount: slotCount)).Accepted();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0x7F)] // the OSDP broadcast address
    [InlineData(0x80)]
    public void The_bus_address_must_be_between_0_and_126(int busAddress)
    {
        CabinetState.Empty(Cab1).Decide(ACabinet.Register(busAddress: busAddress)).Rejected(RejectionCode.Invalid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0x7E)]
    public void The_bus_address_limits_are_inclusive(int busAddress)
    {
        CabinetState.Empty(Cab1).Decide(ACabinet.Register(busAddress: busAddress)).Accepted();
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void The_time_zone_must_be_known(string zone)
    {
        CabinetState.Empty(Cab1).Decide(ACabinet.Register(zone: zone)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void Registering_twice_is_refused()
    {
        ACabinet.Registered().Decide(ACabinet.Register()).Rejected(RejectionCode.AlreadyExists);
    }

    public static TheoryData<CabinetCommand> CabinetCommands() => new()
    {
        new HomeKey(Cab1, 1, Tag1, T0),
        new RecordSessionOpened(Cab1, S1, Alice, Badge1, T0 + SessionTtl, T0),
        new RecordAccessDenied(Cab1, Badge1, Alice, RejectionCode.WrongPin, T0),
        new ReportTagRemoved(Cab1, 1, Tag1, T0),
        new ReportTagInserted(Cab1, 1, Tag1, T0),
        new EndSession(Cab1, S1, T0),
        new UpdateSlotSummary(Cab1, new SlotSummary(1, CustodyStatus.InSlot, null, null), T0),
    };

    [Theory]
    [MemberData(nameof(CabinetCommands))]
    public void An_unregistered_cabinet_is_not_found(CabinetCommand command)
    {
        CabinetState.Empty(Cab1).Decide(command).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void Nothing_is_selectable_in_an_unregistered_cabinet()
    {
        Assert.Equal(RejectionCode.NotFound, CabinetState.Empty(Cab1).CheckSelectable(S1, 1, T0)?.Code);
    }
}
