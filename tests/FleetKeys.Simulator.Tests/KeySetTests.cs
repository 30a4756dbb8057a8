using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

/// <summary>A simulated device out of the box (SCBK-D) is commissioned over TCP with osdp_KEYSET and keeps its key.</summary>
public sealed class KeySetTests
{
    [Fact]
    public async Task A_device_holding_the_default_key_is_refused_its_own_key_until_commissioned_then_keeps_it()
    {
        await using var rig = await Rig.StartAsync();
        rig.Cabinet().ForgetKey();
        var own = Scbk.Derive(rig.Secret, 1);
        var panel = await rig.ConnectAsync();

        Assert.Equal(new PanelStep.Rejected(ProtocolError.DefaultKeyOffered), await panel.HandshakeAsync(1, own));
        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(1, Scbk.Default));
        Assert.IsType<Ack>(await panel.SendAsync(1, new KeySet(own)));
        Assert.False(rig.Cabinet().HoldsDefaultKey);

        var later = await rig.ConnectAsync();
        Assert.Equal(new PanelStep.Rejected(ProtocolError.HandshakeFailed), await later.HandshakeAsync(1, Scbk.Default));
        Assert.IsType<PanelStep.Established>(await later.HandshakeAsync(1, own));
        Assert.IsType<Ack>(await later.PollAsync(1));
    }
}
