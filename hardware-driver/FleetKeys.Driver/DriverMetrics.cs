using System.Diagnostics.Metrics;

namespace FleetKeys.Driver;

/// <summary>The driver's counters, exported through OpenTelemetry by whoever listens to the "FleetKeys.Driver" meter.</summary>
public static class DriverMetrics
{
    public const string MeterName = "FleetKeys.Driver";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> FramesSent = Meter.CreateCounter<long>("fleetkeys.driver.frames_sent");
    public static readonly Counter<long> FramesReceived = Meter.CreateCounter<long>("fleetkeys.driver.frames_received");
    public static readonly Counter<long> FramesRejected = Meter.CreateCounter<long>("fleetkeys.driver.frames_rejected");
    public static readonly Counter<long> Naks = Meter.CreateCounter<long>("fleetkeys.driver.naks");
    public static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("fleetkeys.driver.reply_timeouts");
    public static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("fleetkeys.driver.reconnects");
    public static readonly Counter<long> SessionRestarts = Meter.CreateCounter<long>("fleetkeys.driver.session_restarts");
    public static readonly Counter<long> AuthenticationFailures = Meter.CreateCounter<long>("fleetkeys.driver.authentication_failures");
    public static readonly Histogram<double> RoundTrip = Meter.CreateHistogram<double>("fleetkeys.driver.round_trip", "ms");

    private static int _controllersConnected;

    /// <summary>Controllers the drivers in this process hold a connection to; sum over the nodes for the cluster's figure.</summary>
    private static readonly ObservableUpDownCounter<int> ControllersConnected = Meter.CreateObservableUpDownCounter(
        "fleetkeys.controllers.connected", () => Volatile.Read(ref _controllersConnected), description: "Controllers the drivers on this node are connected to");

    public static void ControllerConnected() => Interlocked.Increment(ref _controllersConnected);

    public static void ControllerDisconnected() => Interlocked.Decrement(ref _controllersConnected);

    /// <summary>Creates the instruments at start-up, so "controllers connected" reads 0 before the first connection, not nothing.</summary>
    public static void Publish() => GC.KeepAlive(ControllersConnected);
}
