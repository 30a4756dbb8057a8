using System.Security.Cryptography;
using System.Text;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Tests;

public sealed class SecretDerivationTests
{
    private static readonly byte[] Master = Enumerable.Range(0x40, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_controller_secret_is_the_HMAC_of_its_id_under_the_master_secret()
    {
        var derived = ControllerSecret.Derive(Master, "ctl-01");

        var plain = HMACSHA256.HashData(Master, Encoding.UTF8.GetBytes("fleetkeys/controller/ctl-01"));
        Assert.Equal(plain, derived.Key.ToArray());
        // The same vector from an independent HMAC implementation (Python's hmac module), so a change
        // of label or encoding cannot slip through by changing both sides of the comparison above.
        Assert.Equal(Convert.FromHexString("D32DCBF0C5B0BA124CD0E5C08BA17A95F9A4A398BCF8787277C8CA6EC0E632EE"), derived.Key.ToArray());
    }

    [Fact]
    public void A_device_key_is_the_HMAC_of_its_bus_address_under_its_controller_secret()
    {
        var secret = ControllerSecret.Derive(Master, "ctl-01");
        // From Python's hmac module: HMAC-SHA256(secret, "fleetkeys/scbk/" || address)[0..16).
        Assert.Equal(Convert.FromHexString("B3A1AA4BF3F6F863A3FC7058EBE19E55"), Scbk.Derive(secret, 1).Key.ToArray());
        Assert.Equal(Convert.FromHexString("3BE2E05F76B8DF38B6B0A6A1ED0642AC"), Scbk.Derive(secret, 2).Key.ToArray());
        Assert.False(Scbk.Derive(secret, 1).IsDefault);
    }

    [Fact]
    public void Each_controller_gets_its_own_secret_and_the_same_one_every_time()
    {
        Assert.Equal(ControllerSecret.Derive(Master, "ctl-01").ToBase64(), ControllerSecret.Derive(Master, "ctl-01").ToBase64());
        Assert.NotEqual(ControllerSecret.Derive(Master, "ctl-01").ToBase64(), ControllerSecret.Derive(Master, "ctl-02").ToBase64());
    }

    [Fact]
    public void A_short_master_secret_or_an_empty_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ControllerSecret.Derive(new byte[16], "ctl-01"));
        Assert.Throws<ArgumentException>(() => ControllerSecret.Derive(Master, ""));
    }
}
