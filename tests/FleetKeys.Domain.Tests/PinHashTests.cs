namespace FleetKeys.Domain.Tests;

public class PinHashTests
{
    /// <summary>Few iterations keep the suite fast; the stored count travels with the hash, so Verify uses it.</summary>
    private const int FastIterations = 1_000;

    /// <summary>
    /// PIN 4711 in the older, unsealed form, computed independently (PBKDF2-SHA256, 1,000 iterations, this salt): a fixed
    /// known answer, so a change of the derivation or of the reading of format 1 that would lock out every PIN set before
    /// sealing fails here.
    /// </summary>
    public const string Unsealed = "pbkdf2-sha256$1000$8DVGMhUdI0Jdia3KcQ1DzA==$/qheNqrCECNStt3UgJoumYFwYpUNfK1NVITnAlnxr40=";

    private static readonly string Sealed = PinHash.Create("4711", Pepper, FastIterations);

    [Fact]
    public void The_right_pin_verifies_in_either_stored_form()
    {
        Assert.True(PinHash.Verify("4711", Sealed, Pepper));
        Assert.True(PinHash.Verify("4711", Unsealed, Pepper));
        Assert.True(PinHash.Verify("4711", Unsealed, null));
    }

    [Theory]
    [InlineData("4712")]
    [InlineData("47110")]
    [InlineData("")]
    [InlineData(" 4711")]
    public void A_wrong_pin_does_not_verify(string pin)
    {
        Assert.False(PinHash.Verify(pin, Sealed, Pepper));
        Assert.False(PinHash.Verify(pin, Unsealed, Pepper));
    }

    [Fact]
    public void Missing_values_do_not_verify()
    {
        Assert.False(PinHash.Verify(null, Sealed, Pepper));
        Assert.False(PinHash.Verify("4711", null, Pepper));
    }

    [Fact]
    public void A_sealed_hash_verifies_only_with_the_pepper_it_was_sealed_under()
    {
        var otherMaster = SealingKey.Derive(new byte[32], "pin-pepper");
        var otherPurpose = SealingKey.Derive([.. Enumerable.Range(1, 32).Select(i => (byte)i)], "subscription-secrets");

        Assert.False(PinHash.Verify("4711", Sealed, null));
        Assert.False(PinHash.Verify("4711", Sealed, otherMaster));
        Assert.False(PinHash.Verify("4711", Sealed, otherPurpose));
    }

    [Fact]
    public void A_new_hash_is_sealed_at_the_default_cost_and_shows_no_pbkdf2_output()
    {
        var stored = PinHash.Create("123456", Pepper);
        var parts = stored.Split('$');

        Assert.Equal("pbkdf2-sha256-sealed", parts[0]);
        Assert.Equal(PinHash.DefaultIterations.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        Assert.True(PinHash.DefaultIterations >= 50_000, "the PBKDF2 cost was 20,000 before sealing; it only goes up");
        Assert.True(PinHash.TryOpen(stored, Pepper, out var opened));
        Assert.DoesNotContain(Convert.ToBase64String(opened.Hash), stored);
        Assert.Equal(12 + 32 + 16, Convert.FromBase64String(parts[3]).Length);
        Assert.True(PinHash.Verify("123456", stored, Pepper));
    }

    [Fact]
    public void The_same_pin_gets_a_different_salt_and_seal_each_time()
    {
        var first = PinHash.Create("4711", Pepper, FastIterations);
        var second = PinHash.Create("4711", Pepper, FastIterations);
        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
        Assert.NotEqual(first.Split('$')[3], second.Split('$')[3]);
        Assert.True(PinHash.Verify("4711", first, Pepper));
        Assert.True(PinHash.Verify("4711", second, Pepper));
    }

    [Fact]
    public void The_opened_verifier_is_the_plain_pbkdf2_of_the_pin_in_either_form()
    {
        Assert.True(PinHash.TryOpen(Sealed, Pepper, out var sealedParts));
        Assert.True(PinHash.TryOpen(Unsealed, null, out var unsealedParts));

        foreach (var parts in new[] { sealedParts, unsealedParts })
        {
            var expected = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("4711"u8, parts.Salt, parts.Iterations,
                System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
            Assert.Equal(FastIterations, parts.Iterations);
            Assert.Equal(expected, parts.Hash);
            Assert.DoesNotContain(Convert.ToBase64String(parts.Hash), parts.ToString());
        }
    }

    [Fact]
    public void The_iteration_count_and_the_salt_are_bound_to_the_seal()
    {
        var p = Sealed.Split('$');
        Assert.False(PinHash.Verify("4711", string.Join('$', p[0], "1001", p[2], p[3]), Pepper));
        Assert.False(PinHash.Verify("4711", string.Join('$', p[0], p[1], Convert.ToBase64String(new byte[16]), p[3]), Pepper));
        var u = Unsealed.Split('$');
        Assert.False(PinHash.Verify("4711", string.Join('$', u[0], "1001", u[2], u[3]), Pepper));
    }

    [Fact]
    public void An_unsealed_hash_cannot_pass_for_a_sealed_one()
    {
        var u = Unsealed.Split('$');
        Assert.False(PinHash.Verify("4711", string.Join('$', "pbkdf2-sha256-sealed", u[1], u[2], u[3]), Pepper));
    }

    public static TheoryData<string> Malformed()
    {
        var p = Unsealed.Split('$');
        var s = Sealed.Split('$');
        return new TheoryData<string>
        {
            "",
            "4711",
            "not-a-hash",
            "$$$",
            string.Join('$', "md5", p[1], p[2], p[3]),
            string.Join('$', p[0], "many", p[2], p[3]),
            string.Join('$', p[0], "-1000", p[2], p[3]),
            string.Join('$', p[0], "", p[2], p[3]),
            string.Join('$', p[0], "0", p[2], p[3]),
            string.Join('$', p[0], "99999999", p[2], p[3]),
            string.Join('$', p[0], p[1], p[2]),
            string.Join('$', p[0], p[1], p[2], p[3], "extra"),
            string.Join('$', p[0], p[1], "", ""),
            string.Join('$', p[0], p[1], p[2], Convert.ToBase64String(new byte[31])),
            string.Join('$', p[0], p[1], Convert.ToBase64String(new byte[15]), p[3]),
            string.Join('$', p[0], p[1], "%%not base64%%", p[3]),
            string.Join('$', p[0], p[1], p[2], "%%not base64%%"),
            string.Join('$', s[0], s[1], s[2], "%%not base64%%"),
            string.Join('$', s[0], s[1], s[2], Convert.ToBase64String(new byte[27])),
            string.Join('$', s[0], s[1], s[2], Convert.ToBase64String(new byte[60])),
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_stored_hash_never_verifies_and_never_throws(string stored)
    {
        var verified = Record.Exception(() => Assert.False(PinHash.Verify("4711", stored, Pepper)));
        Assert.Null(verified);
        Assert.False(PinHash.TryOpen(stored, Pepper, out _));
    }

    [Theory]
    [InlineData("1234", true)]
    [InlineData("000000", true)]
    [InlineData("123456789012", true)]
    [InlineData("123", false)]
    [InlineData("1234567890123", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("12a4", false)]
    [InlineData("12 34", false)]
    [InlineData("-123", false)]
    [InlineData("١٢٣٤", false)] // Arabic-Indic digits are digits, but not ASCII ones
    public void Acceptable_pins_are_4_to_12_ascii_digits(string? pin, bool acceptable)
    {
        Assert.Equal(acceptable, PinHash.IsAcceptablePin(pin));
    }
}
