using System.Diagnostics;
using System.Text.RegularExpressions;
using FleetKeys.Testing;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace FleetKeys.Node.Tests;

/// <summary>
/// No container engine runs here, so what can be checked without one is: the files parse, they build projects that
/// exist, their entry points exist in the build output, the node's health check command works, and the compose
/// environment configures what it means to.
/// </summary>
public sealed partial class ContainerSpecs(NodeFixture<SqliteTestDatabase> fixture) : IClassFixture<NodeFixture<SqliteTestDatabase>>
{
    [GeneratedRegex(@"^RUN dotnet publish (?<project>\S+\.csproj)", RegexOptions.Multiline)]
    private static partial Regex Publish();

    [GeneratedRegex(@"^ENTRYPOINT \[""/app/(?<app>[^""]+)""\]", RegexOptions.Multiline)]
    private static partial Regex EntryPoint();

    private static YamlMappingNode Compose()
    {
        using var reader = new StreamReader(RepositoryPaths.File("docker", "compose.yaml"));
        var yaml = new YamlStream();
        // Compose shares the nodes' settings through anchors and merge keys ("<<: *node"), which need the merging parser.
        yaml.Load(new YamlDotNet.Core.MergingParser(new YamlDotNet.Core.Parser(reader)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) =>
        (YamlMappingNode)((YamlMappingNode)Compose()["services"])[name];

    [Theory]
    [InlineData("Dockerfile.node", "src/FleetKeys.Node")]
    [InlineData("Dockerfile.simulator", "hardware-driver/FleetKeys.Simulator.Cli")]
    public void Each_dockerfile_publishes_a_self_contained_project_that_exists_and_starts_what_it_builds_as_a_non_root_user(string dockerfile, string projectFolder)
    {
        var text = File.ReadAllText(RepositoryPaths.File("docker", dockerfile));

        var project = Publish().Match(text).Groups["project"].Value;
        // A self-contained publish starts through its apphost, named after the assembly.
        var dll = EntryPoint().Match(text).Groups["app"].Value + ".dll";

        Assert.Contains("--self-contained true", text);
        Assert.Matches(@"(?m)^USER [1-9]\d*:[1-9]\d*$", text);

        Assert.True(File.Exists(RepositoryPaths.File(project)), $"{dockerfile} publishes {project}, which does not exist");
        Assert.StartsWith(projectFolder, project);
        Assert.True(File.Exists(RepositoryPaths.BuildOutput(projectFolder, dll)), $"{dll} is not in {projectFolder}'s build output");
    }

    [Fact]
    public void The_compose_file_runs_three_nodes_postgres_and_a_simulator_each_built_from_a_dockerfile_that_exists()
    {
        var services = ((YamlMappingNode)Compose()["services"]).Children.Keys.Select(k => k.ToString()).Order();

        Assert.Equal(["node1", "node2", "node3", "postgres", "simulator"], services);
        foreach (var name in new[] { "node1", "simulator" })
        {
            var build = (YamlMappingNode)Service(name)["build"];
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "docker", build["context"].ToString(), build["dockerfile"].ToString())));
        }

        Assert.Contains("pg_isready", Service("postgres")["healthcheck"].ToString());
        Assert.All(new[] { "node1", "node2", "node3", "simulator" }, name => Assert.Equal("true", Service(name)["read_only"].ToString()));
        Assert.Contains("healthcheck", File.ReadAllText(RepositoryPaths.File("docker", "Dockerfile.node")));
    }

    [Fact]
    public void The_node_environment_in_compose_configures_a_postgres_cluster_over_tls_seeded_by_two_nodes()
    {
        var environment = ((YamlMappingNode)Service("node2")["environment"]).Children
            .ToDictionary(e => e.Key.ToString().Replace("__", ":"), e => (string?)e.Value.ToString());

        var settings = NodeSettings.From(new ConfigurationBuilder().AddInMemoryCollection(environment).Build());

        Assert.Equal(Cluster.Persistence.DatabaseProvider.Postgres, settings.Persistence.Provider);
        Assert.Equal(["akka.ssl.tcp://fleetkeys@node1:4053", "akka.ssl.tcp://fleetkeys@node2:4053"], settings.Cluster.SeedNodes);
        Assert.True(settings.Cluster.Tls.Enabled);
        Assert.Equal("/etc/fleetkeys/tls/ca.crt", settings.Cluster.Tls.CaPath);
        Assert.True(settings.Management.Certificate.IsSet);
        Assert.Equal("/etc/fleetkeys/tls/node2.crt", environment["Kestrel:Certificates:Default:Path"]);
        Assert.Equal("node2", settings.Cluster.PublicHostname);
        Assert.Equal(4053, settings.Cluster.Port);
    }

    [Fact]
    public async Task The_health_check_command_the_image_uses_tells_a_ready_node_from_an_absent_one()
    {
        var ready = await HealthCheck(new Uri(fixture.Node.BaseAddress, "/readyz").ToString());
        var absent = await HealthCheck($"http://127.0.0.1:{FreePort.Next()}/readyz");

        Assert.Equal((0, 1), (ready, absent));
    }

    private static async Task<int> HealthCheck(string url)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepositoryPaths.BuildOutput("src/FleetKeys.Node", "FleetKeys.Node.dll"), "healthcheck", url },
            RedirectStandardError = true,
        })!;
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return process.ExitCode;
    }
}
