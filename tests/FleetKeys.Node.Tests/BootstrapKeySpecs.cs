using System.Net;
using System.Net.Http.Headers;
using FleetKeys.Management;
using FleetKeys.Management.Logs;
using FleetKeys.Testing;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Node.Tests;

/// <summary>The admin key a fresh node writes for itself, once an administrator configures API keys beside it.</summary>
public sealed class BootstrapKeySpecs : IAsyncLifetime
{
    private const string FirstKey = "fk_the_key_the_node_wrote_on_its_first_start";

    private readonly SqliteTestDatabase _database = new();
    private string KeyFile => Path.Combine(_database.Settings.DataFolder, "admin.key");

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_admin_key_file_stays_valid_beside_configured_keys_and_the_node_says_so_once_naming_the_file()
    {
        Directory.CreateDirectory(_database.Settings.DataFolder);
        await File.WriteAllTextAsync(KeyFile, FirstKey + "\n");
        // NodeApp configures a key per role (FleetKeys:Api:Keys), as an administrator does after the first start.
        await using var node = await NodeApp.StartAsync(_database.Settings);

        var api = await node.Client(FirstKey).Post("/api/v1/sites", new { id = "hq", name = "Headquarters", timeZone = "Europe/Berlin" });
        using var management = new HttpClient { BaseAddress = new Uri($"http://{node.Service<ManagementEndpoint>().Address}") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FirstKey);
        var palettes = await management.GetAsync("/mgmt/v1/commands");
        var configured = await node.Client(NodeApp.AuditorKey).GetAsync("/api/v1/sites");

        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, palettes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        var warning = Assert.Single(node.Service<RecentLogLines>().Recent(LogLevel.Warning, 2000), l => l.Message.Contains("admin.key"));
        Assert.Contains(Path.GetFullPath(KeyFile), warning.Message);
        Assert.DoesNotContain(FirstKey, warning.Message);
    }

    [Fact]
    public async Task A_node_with_configured_keys_and_no_admin_key_file_makes_none_and_accepts_no_other_key()
    {
        await using var node = await NodeApp.StartAsync(_database.Settings);

        var refused = await node.Client(FirstKey).GetAsync("/api/v1/sites");

        Assert.False(File.Exists(KeyFile), "a node with configured keys should not make an admin key of its own");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
