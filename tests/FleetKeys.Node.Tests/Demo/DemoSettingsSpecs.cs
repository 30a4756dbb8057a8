namespace FleetKeys.Node.Tests.Demo;

/// <summary>A demo that cannot run is refused at start with the setting named, before anything is written.</summary>
public sealed class DemoSettingsSpecs : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"fleetkeys-demo-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("People", "0")]
    [InlineData("Controllers", "0")]
    [InlineData("CabinetsPerController", "127")]
    [InlineData("SlotsPerCabinet", "0")]
    [InlineData("VisitsPerSecond", "0")]
    [InlineData("FaultChance", "1.5")]
    public void A_demo_that_cannot_run_is_a_configuration_error_naming_its_setting(string setting, string value)
    {
        var refused = Assert.Throws<NodeConfigurationException>(() => FleetKeysNode.Build(
        [
            "--demo", "--urls", "http://127.0.0.1:0", "--FleetKeys:Cluster:Port", "0", "--FleetKeys:Management:Port", "0",
            "--FleetKeys:Persistence:DataFolder", _folder, $"--FleetKeys:Demo:{setting}", value,
        ]));

        Assert.StartsWith($"FleetKeys:Demo:{setting} must", refused.Message);
        Assert.False(Directory.Exists(_folder), "a refused start writes nothing");
    }

    [Fact]
    public void Stock_readers_halve_the_cabinets_a_demo_controller_can_serve()
    {
        var refused = Assert.Throws<NodeConfigurationException>(() => FleetKeysNode.Build(
        [
            "--demo", "--urls", "http://127.0.0.1:0", "--FleetKeys:Cluster:Port", "0", "--FleetKeys:Management:Port", "0",
            "--FleetKeys:Persistence:DataFolder", _folder, "--FleetKeys:Demo:StockReaders", "true", "--FleetKeys:Demo:CabinetsPerController", "64",
        ]));

        Assert.Equal("FleetKeys:Demo:CabinetsPerController must be between 1 and 63 with StockReaders", refused.Message);
    }
}
