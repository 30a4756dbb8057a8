using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

/// <summary>Key generations (rotation): each generation a key of its own, and a panel unsure which one a device holds.</summary>
public sealed class KeyGenerationTests
{
    private static readonly ControllerSecret Secret = ControllerSecret.Generate();

    [Fact]
    public void Generation_zero_is_the_key_from_before_rotation_and_every_generation_and_address_has_its_own()
    {
        Assert.Equal(Scbk.Derive(Secret, 1), Scbk.Derive(Secret, 1, 0));
        Scbk[] keys = [Scbk.Derive(Secret, 1, 0), Scbk.Derive(Secret, 1, 1), Scbk.Derive(Secret, 1, 2), Scbk.Derive(Secret, 2, 1), Scbk.Derive(ControllerSecret.Generate(), 1, 1)];
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => Scbk.Derive(Secret, 1, -1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_panel_offering_the_new_and_the_old_key_opens_a_session_with_either_and_tells_which(int held)
    {
        Scbk[] candidates = [Scbk.Derive(Secret, 1, 2), Scbk.Derive(Secret, 1, 1)];
        var link = new Link(1) { Panel = new PanelChannel(1, candidates), Controller = new PeripheralChannel(1, candidates[held]) };

        link.Handshake();

        Assert.True(link.Panel.IsEstablished);
        Assert.Equal(candidates[held], link.Panel.Key);
        Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new Poll()));
    }

    [Fact]
    public void A_device_holding_neither_key_fails_the_handshake()
    {
        var link = new Link(1) { Panel = new PanelChannel(1, [Scbk.Derive(Secret, 1, 2), Scbk.Derive(Secret, 1, 1)]), Controller = new PeripheralChannel(1, Scbk.Derive(Secret, 1, 0)) };

        var step = link.Return(link.Deliver(link.Panel.StartHandshake()).Response!);

        Assert.Equal(ProtocolError.HandshakeFailed, Assert.IsType<PanelStep.Rejected>(step).Error);
        Assert.False(link.Panel.IsEstablished);
    }

    [Fact]
    public void The_default_key_is_never_one_candidate_among_own_keys() =>
        Assert.Throws<ArgumentException>(() => new PanelChannel(1, [Scbk.Derive(Secret, 1, 1), Scbk.Default]));
}
