using FleetKeys.Domain.Controllers;

namespace FleetKeys.Domain.Tests;

public class ControllerNetworksTests
{
    private static readonly ControllerNetworks Plant = new(["10.20.0.0/16", "fd00:20::/32"]);

    [Theory]
    [InlineData("10.20.4.15", true)]
    [InlineData("fd00:20::15", true)]
    [InlineData("10.21.0.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("controller.plant.example", false)]
    [InlineData("", false)]
    public void With_networks_listed_a_controller_must_be_an_address_inside_one(string host, bool allowed)
    {
        Assert.Equal(allowed, Plant.Allows(host));
    }

    [Fact]
    public void Without_networks_a_controller_may_be_anywhere()
    {
        Assert.True(ControllerNetworks.Anywhere.Allows("controller.plant.example"));
        Assert.True(new ControllerNetworks([]).Allows("192.0.2.7"));
    }

    [Fact]
    public void A_network_that_is_not_one_is_named_when_the_node_starts()
    {
        var error = Assert.Throws<ArgumentException>(() => new ControllerNetworks(["10.20.0.0/16", "plant"]));

        Assert.Contains("'plant'", error.Message);
    }
}
