using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>FleetKeys:Hardware:AllowedNetworks bounds where controllers may be registered or re-pointed.</summary>
public sealed class AllowedNetworksSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private NodeApp _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await NodeApp.StartAsync(_database.Settings, null, "--FleetKeys:Hardware:AllowedNetworks:0", "10.20.0.0/16");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_controller_outside_the_allowed_networks_is_refused_naming_the_host()
    {
        var admin = _node.Client();

        var outside = await admin.Post("/api/v1/controllers", new { id = "ctl-far", host = "192.0.2.7", port = 4001 });
        var byName = await admin.Post("/api/v1/controllers", new { id = "ctl-named", host = "controller.plant.example", port = 4001 });
        await (await admin.Post("/api/v1/controllers", new { id = "ctl-near", host = "10.20.4.15", port = 4001 })).Read<JsonElement>(HttpStatusCode.Created);
        var movedOutside = await admin.PatchAsJsonAsync("/api/v1/controllers/ctl-near", new { host = "10.21.0.1" });
        var movedInside = await admin.PatchAsJsonAsync("/api/v1/controllers/ctl-near", new { host = "10.20.9.9" });

        foreach (var refused in (HttpResponseMessage[])[outside, byName, movedOutside])
        {
            var problem = await refused.Read<JsonElement>(HttpStatusCode.BadRequest);
            Assert.Contains("10.20.0.0/16", problem.GetProperty("errors").GetProperty("host")[0].GetString());
        }
        Assert.Equal("10.20.9.9", (await movedInside.Read<JsonElement>(HttpStatusCode.OK)).GetProperty("host").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/controllers/ctl-far")).StatusCode);
    }

    [Fact]
    public void A_node_given_something_that_is_not_a_network_does_not_start_and_says_which()
    {
        var error = Assert.ThrowsAny<Exception>(() => FleetKeysNode.Build(
            ["--FleetKeys:Hardware:AllowedNetworks:0", "plant", "--FleetKeys:Persistence:DataFolder", _database.Settings.DataFolder]));

        Assert.Contains("'plant'", error.Message);
    }
}
