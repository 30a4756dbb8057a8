using FleetKeys.Domain.Controllers;

namespace FleetKeys.Domain.Tests;

public class ControllerTlsTests
{
    private static readonly string Thumbprint = string.Concat(Enumerable.Repeat("0F", 32));

    private static ControllerState Registered() =>
        ControllerState.Empty(Ctl1).Run(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0));

    [Fact]
    public void A_pin_is_kept_as_upper_case_hex_whether_given_with_colons_or_not_and_who_set_it_is_recorded()
    {
        var colons = string.Join(':', Enumerable.Repeat("0f", 32));

        var set = Registered().Decide(new SetControllerTls(Ctl1, colons, "ops", T0)).OnlyEvent<ControllerTlsSet, ControllerEvent>();

        Assert.Equal(new ControllerTlsSet(Ctl1, Thumbprint, "ops", T0), set);
        Assert.Equal(Thumbprint, Registered().Apply(set).TlsThumbprint);
    }

    [Fact]
    public void Removing_the_pin_dials_plain_and_setting_what_is_set_is_no_change()
    {
        var pinned = Registered().Run(new SetControllerTls(Ctl1, Thumbprint, "ops", T0));

        pinned.Decide(new SetControllerTls(Ctl1, Thumbprint.ToLowerInvariant(), "ops", T0)).AcceptedWithoutEvents();
        Assert.Null(pinned.Run(new SetControllerTls(Ctl1, null, "ops", T0)).TlsThumbprint);
        Registered().Decide(new SetControllerTls(Ctl1, null, "ops", T0)).AcceptedWithoutEvents();
    }

    [Theory]
    [InlineData("AB:CD")]
    [InlineData("not a thumbprint")]
    [InlineData("0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F")]
    public void Only_a_sha256_thumbprint_is_a_pin(string thumbprint) =>
        Assert.Equal("thumbprint", Registered().Decide(new SetControllerTls(Ctl1, thumbprint, "ops", T0)).Rejected(RejectionCode.Invalid).Field);

    [Fact]
    public void An_unknown_controller_has_no_link_to_secure() =>
        ControllerState.Empty(Ctl1).Decide(new SetControllerTls(Ctl1, Thumbprint, "ops", T0)).Rejected(RejectionCode.NotFound);
}
