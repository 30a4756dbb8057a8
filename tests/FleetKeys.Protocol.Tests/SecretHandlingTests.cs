using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Tests;

public sealed class SecretHandlingTests
{
    [Fact]
    public void A_controller_secret_never_prints()
    {
        var secret = ControllerSecret.Generate();
        var printed = $"{secret} {new { Secret = secret }}";
        Assert.DoesNotContain(secret.ToBase64(), printed);
        Assert.Contains("redacted", printed);
    }

    [Fact]
    public void A_controller_secret_round_trips_through_base64_and_only_at_32_bytes()
    {
        var secret = ControllerSecret.Generate();
        Assert.Equal(secret.ToBase64(), ControllerSecret.FromBase64(secret.ToBase64()).ToBase64());
        var error = Assert.Throws<FormatException>(() => ControllerSecret.FromBase64(Convert.ToBase64String(new byte[31])));
        Assert.DoesNotContain(Convert.ToBase64String(new byte[31]), error.Message);
        Assert.Throws<ArgumentException>(() => new ControllerSecret(new byte[16]));
    }

    [Fact]
    public void PIN_verifiers_never_print_not_even_inside_the_messages_that_carry_them()
    {
        var verifier = PinVerifier.Create("4711", iterations: 10);
        var upsert = new AllowListUpsert(7, [new AllowListEntry(new byte[] { 1, 2 }, "p-1", verifier, null, null, SlotSet.Of(3))]);
        var printed = upsert.ToString();
        Assert.DoesNotContain(verifier.Hash.ToHex(), printed);
        Assert.DoesNotContain(verifier.Salt.ToHex(), printed);
        Assert.Contains("redacted", printed);
    }

    [Fact]
    public void PIN_digits_never_print() =>
        Assert.DoesNotContain("4711", new KeypadInput(0, "4711#").ToString());

    [Fact]
    public void Session_keys_never_print() =>
        Assert.Equal("SessionKeys(redacted)", SessionKeys.Derive(Scbk.Default, new byte[8]).ToString());

    [Fact]
    public void A_device_key_never_prints_and_only_the_public_default_says_which_it_is()
    {
        var key = Scbk.Derive(ControllerSecret.Generate(), 1);
        Assert.Equal("Scbk(redacted)", $"{key}");
        Assert.Equal("Scbk(SCBK-D)", $"{Scbk.Default}");
        Assert.Throws<ArgumentException>(() => new Scbk(new byte[15]));
    }

    [Fact]
    public void A_PIN_verifier_matches_its_PIN_only()
    {
        var verifier = PinVerifier.Create("4711", iterations: 10);
        Assert.True(verifier.Matches("4711"));
        Assert.False(verifier.Matches("4712"));
    }
}
