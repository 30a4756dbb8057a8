using FleetKeys.Protocol;

namespace FleetKeys.Driver.Tests;

public sealed class LinkCountersSpecs
{
    [Fact]
    public void A_failed_handshake_counts_as_a_refused_frame_and_an_authentication_failure_other_refusals_only_as_refused()
    {
        var counts = new LinkCounters();

        counts.FrameRejected(ProtocolError.HandshakeFailed);
        counts.FrameRejected(ProtocolError.BadCrc);

        Assert.Equal(2, counts.Rejected);
        Assert.Equal(1, counts.AuthFailures);
    }

    [Fact]
    public void The_round_trip_shown_is_the_last_exchanges_and_none_before_the_first_reply()
    {
        var counts = new LinkCounters();
        Assert.Null(counts.LastRoundTripMs);

        counts.RoundTrip(12.5);
        counts.RoundTrip(3.0);

        Assert.Equal(3.0, counts.LastRoundTripMs);
    }
}
