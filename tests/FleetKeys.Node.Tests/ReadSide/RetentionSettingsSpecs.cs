namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>A retention that cannot be meant is refused at start with the setting named, before anything is written.</summary>
public sealed class RetentionSettingsSpecs : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"fleetkeys-retention-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private Exception Refused(string setting, string value) => Assert.ThrowsAny<Exception>(() => FleetKeysNode.Build(
    [
        "--urls", "http://127.0.0.1:0", "--FleetKeys:Cluster:Port", "0", "--FleetKeys:Management:Port", "0",
        "--FleetKeys:Persistence:DataFolder", _folder, $"--FleetKeys:Retention:{setting}", value,
    ]));

    [Theory]
    [InlineData("Period", "-2557.00:00:00")]
    [InlineData("Period", "00:00:00")]
    [InlineData("Every", "00:00:00")]
    public void A_retention_or_interval_that_is_not_positive_is_refused_naming_its_setting(string setting, string value)
    {
        var refused = Assert.IsType<NodeConfigurationException>(Refused(setting, value));

        Assert.StartsWith($"FleetKeys:Retention:{setting} must be a positive time span", refused.Message);
        Assert.False(Directory.Exists(_folder), "a refused start writes nothing");
    }

    [Fact]
    public void A_period_that_is_not_a_time_span_is_refused_naming_its_setting()
    {
        var refused = Refused("Period", "7 years");

        Assert.Contains("FleetKeys:Retention:Period", refused.Message);
        Assert.False(Directory.Exists(_folder), "a refused start writes nothing");
    }

    [Theory]
    [InlineData("-3653.00:00:00")]
    [InlineData("ten years")]
    public void A_sites_own_period_that_is_not_a_positive_time_span_is_refused_naming_its_setting(string value)
    {
        var refused = Refused("Sites:harbour", value);

        Assert.IsType<NodeConfigurationException>(refused);
        Assert.StartsWith("FleetKeys:Retention:Sites:harbour must be a positive time span", refused.Message);
        Assert.False(Directory.Exists(_folder), "a refused start writes nothing");
    }
}
