using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Readme;

/// <summary>README.md's commands, run as written from the root of a fresh copy of the repository.</summary>
[LongRunning]
public sealed class ReadmeSpecs
{
    private static readonly string Markdown = File.ReadAllText(RepositoryPaths.File("README.md"));

    [Fact]
    public async Task Every_command_line_in_the_readme_works_as_written_from_the_repository_root()
    {
        var scenarios = ReadmeCommands.Parse(Markdown).Scenarios;
        Assert.True(scenarios.Count >= 1 && scenarios[0].Lines.Count >= 5, "the README should start a node and use it");
        using var copy = new ReadmeCopy();
        foreach (var (scenario, index) in scenarios.Select((s, i) => (s, i)))
        {
            // The first start builds the node in the fresh copy, as `dotnet run` does: minutes on a busy machine.
            await copy.StartNode(scenario.StartNode, TimeSpan.FromMinutes(index == 0 ? 10 : 3));
            var (exitCode, output) = await copy.Run(scenario.Lines, TimeSpan.FromMinutes(5));
            // A node that provisions itself on start (the demo) may take a moment more before its fleet is there to read.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (exitCode != 0 && index > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                (exitCode, output) = await copy.Run(scenario.Lines, TimeSpan.FromMinutes(2));
            }

            Assert.True(exitCode == 0, $"after `{scenario.StartNode}` a README command failed:\n{output}\nthe node:\n{copy.NodeOutput}");
            Assert.DoesNotContain("Unauthorized", output);
            copy.StopNode();
        }
    }

    [Fact]
    public void Every_config_file_the_readme_names_is_where_a_command_from_the_root_looks()
    {
        var files = ReadmeCommands.ConfigFiles(Markdown).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(File.Exists(RepositoryPaths.File(f)), $"--config {f} names no file in the repository"));
    }
}
