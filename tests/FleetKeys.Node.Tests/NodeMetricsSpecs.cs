using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>
/// /metrics of a node in a process of its own (the driver's gauges are per process) driving a simulated controller over
/// real TCP.
/// </summary>
public sealed class NodeMetricsSpecs : IAsyncLifetime
{
    private NodeWithController _rig = null!;

    public async Task InitializeAsync() => _rig = await NodeWithController.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private Task<string> Metrics() => _rig.Anonymous.GetStringAsync("/metrics");

    /// <summary>The value of one series in Prometheus's text format: the line that starts with the name and has the labels.</summary>
    private static int Value(string metrics, string name, string labels = "")
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal));
        Assert.True(line is not null, $"no {name} {labels} in\n{metrics}");
        return int.Parse(line![(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Metrics_count_the_connected_controllers_and_the_master_key_taken_over_the_wire()
    {
        var site = $"site=\"{NodeWithController.Site}\"";
        var connected = await Metrics();
        await _rig.Take(await _rig.Person("pat"), 1);
        // One scrape reads each gauge with a query of its own, so the projection may land the take between two of them.
        await Eventually.Holds(async () =>
        {
            var taken = await Metrics();
            Assert.Equal((1, 1, 0), (Value(taken, "fleetkeys_keys_master_out", site), Value(taken, "fleetkeys_keys_out", site),
                Value(taken, "fleetkeys_keys_overdue", site)));
        });

        await _rig.Controller.DisposeAsync();

        await Eventually.Holds(async () => Assert.Equal(0, Value(await Metrics(), "fleetkeys_controllers_connected")));
        Assert.Equal(1, Value(connected, "fleetkeys_controllers_connected"));
    }
}
