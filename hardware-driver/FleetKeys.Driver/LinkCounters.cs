using FleetKeys.Protocol;

namespace FleetKeys.Driver;

/// <summary>
/// What one controller's link has seen, for its driver status, each count mirrored into the node's OpenTelemetry
/// counters (<see cref="DriverMetrics"/>) so that the two never disagree.
/// </summary>
internal sealed class LinkCounters
{
    public long Sent { get; private set; }
    public long Received { get; private set; }
    public long Rejected { get; private set; }
    public long Naks { get; private set; }
    public long Timeouts { get; private set; }
    public long Reconnects { get; private set; }
    public long AuthFailures { get; private set; }

    /// <summary>Sessions given up after their retransmissions and started over: replies lost on the line, not a cut connection.</summary>
    public long SessionRestarts { get; private set; }

    /// <summary>The last exchange's round trip, in milliseconds; null before the first reply.</summary>
    public double? LastRoundTripMs { get; private set; }

    public void FrameSent()
    {
        Sent++;
        DriverMetrics.FramesSent.Add(1);
    }

    public void FrameReceived()
    {
        Received++;
        DriverMetrics.FramesReceived.Add(1);
    }

    public void FrameRejected(ProtocolError error)
    {
        Rejected++;
        DriverMetrics.FramesRejected.Add(1, new KeyValuePair<string, object?>("error", error.ToString()));
        if (error is not (ProtocolError.HandshakeFailed or ProtocolError.DefaultKeyOffered)) return;
        AuthFailures++;
        DriverMetrics.AuthenticationFailures.Add(1);
    }

    /// <summary>The controller's TLS certificate is not the pinned one: an authentication failure before any OSDP.</summary>
    public void TlsRefused()
    {
        AuthFailures++;
        DriverMetrics.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("cause", "tls"));
    }

    public void Nak()
    {
        Naks++;
        DriverMetrics.Naks.Add(1);
    }

    public void TimedOut()
    {
        Timeouts++;
        DriverMetrics.Timeouts.Add(1);
    }

    public void Reconnected()
    {
        Reconnects++;
        DriverMetrics.Reconnects.Add(1);
    }

    public void SessionRestarted()
    {
        SessionRestarts++;
        DriverMetrics.SessionRestarts.Add(1);
    }

    public void RoundTrip(double milliseconds)
    {
        LastRoundTripMs = milliseconds;
        DriverMetrics.RoundTrip.Record(milliseconds);
    }
}
