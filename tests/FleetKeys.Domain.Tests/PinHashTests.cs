namespace FleetKeys.Domain.Tests;

public class PinHashTests
{
    /// <summary>Few iterations keep the suite fast; the stored count travels with the hash, so Verify uses it.</summary>
    private const int FastIterations = 1_000;

    /// <summary>
    /// PIN 4711, computed independently (PBKDF2-SHA256, 1,000 iterations, this salt): a fixed known answer, so a change
    /// of the stored format or of the derivation that would lock out every existing PIN fails here.
    /// </summary>
    private const string Stored = "pbkdf2-sha256$1000$8DVGMhUdI0Jdia3KcQ1DzA==$/qheNqrCECNStt3UgJoumYFwYpUNfK1NVITnAlnxr40=";

    [Fact]
    public void The_right_pin_verifies()
    {
        Assert.True(PinHash.Verify("4711", Stored));
    }

    [Theory]
    [InlineData("4712")]
    [InlineData("47110")]
    [InlineData("")]
    [InlineData(" 4711")]
    public void A_wrong_pin_does_not_verify(string pin)
    {
        Assert.False(PinHash.Verify(pin, Stored));
    }

    [Fact]
    public void Missing_values_do_not_verify()
    {
        Assert.False(PinHash.Verify(null, Stored));
        Assert.False(PinHash.Verify("4711", null));
    }

    [Fact]
    public void The_default_iteration_count_verifies()
    {
        var stored = PinHash.Create("123456");
        Assert.Equal(PinHash.DefaultIterations.ToString(System.Globalization.CultureInfo.InvariantCulture), stored.Split('$')[1]);
        Assert.True(PinHash.Verify("123456", stored));
    }

    [Fact]
    public void The_stored_form_carries_scheme_iterations_salt_and_hash_but_not_the_pin()
    {
        var parts = Stored.Split('$');
        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("1000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.DoesNotContain("4711", Stored);
    }

    [Fact]
    public void The_same_pin_gets_a_different_salt_each_time()
    {
        var first = PinHash.Create("4711", FastIterations);
        var second = PinHash.Create("4711", FastIterations);
        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
        Assert.True(PinHash.Verify("4711", first));
        Assert.True(PinHash.Verify("4711", second));
    }

    [Fact]
    public void A_fresh_hash_uses_the_requested_iterations_and_verifies()
    {
        var stored = PinHash.Create("90210", FastIterations);
        Assert.StartsWith("pbkdf2-sha256$1000$", stored);
        Assert.True(PinHash.Verify("90210", stored));
        Assert.False(PinHash.Verify("90211", stored));
    }

    [Fact]
    public void The_iteration_count_is_part_of_the_hash()
    {
        var parts = Stored.Split('$');
        var tampered = string.Join('$', parts[0], "1001", parts[2], parts[3]);
        Assert.False(PinHash.Verify("4711", tampered));
    }

    public static TheoryData<string> Malformed()
    {
        var p = Stored.Split('$');
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
            string.Join('$', p[0], p[1], p[2]),
            string.Join('$', p[0], p[1], p[2], p[3], "extra"),
            string.Join('$', p[0], p[1], "", ""),
            string.Join('$', p[0], p[1], p[2], Convert.ToBase64String(new byte[31])),
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_stored_hash_never_verifies_and_never_throws(string stored)
    {
        var verified = Record.Exception(() => Assert.False(PinHash.Verify("4711", stored)));
        Assert.Null(verified);
    }

    // Bug: PinHash.Verify hands the salt and hash parts straight to Convert.FromBase64String, which throws
    // FormatException on a corrupted record instead of returning false.
    [Theory]
    [InlineData("pbkdf2-sha256$1000$%%not base64%%$/qheNqrCECNStt3UgJoumYFwYpUNfK1NVITnAlnxr40=")]
    [InlineData("pbkdf2-sha256$1000$8DVGMhUdI0Jdia3KcQ1DzA==$%%not base64%%")]
    public void A_stored_hash_with_broken_base64_never_verifies_and_never_throws(string stored)
    {
        var thrown = Record.Exception(() => Assert.False(PinHash.Verify("4711", stored)));
        Assert.Null(thrown);
    }

    // Bug: an iteration count of 0 passes int.TryParse(NumberStyles.None) and reaches Rfc2898DeriveBytes.Pbkdf2,
    // which throws ArgumentOutOfRangeException instead of Verify returning false.
    [Fact]
    public void A_stored_hash_with_zero_iterations_never_verifies_and_never_throws()
    {
        var thrown = Record.Exception(() =>
            Assert.False(PinHash.Verify("4711", "pbkdf2-sha256$0$8DVGMhUdI0Jdia3KcQ1DzA==$/qheNqrCECNStt3UgJoumYFwYpUNfK1NVITnAlnxr40=")));
        Assert.Null(thrown);
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
