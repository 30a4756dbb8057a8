namespace FleetKeys.Testing;

/// <summary>Where the repository and the other projects' build outputs are, from this test assembly's own output.</summary>
public static class RepositoryPaths
{
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory);

    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A project's build output for the same configuration and framework as these tests (bin/&lt;configuration&gt;/&lt;tfm&gt;).</summary>
    public static string BuildOutput(string projectFolder, string assembly) =>
        Path.Combine(Root, projectFolder, "bin", Output.Parent!.Name, Output.Name, assembly);

    private static string FindRoot()
    {
        var folder = Output;
        while (!System.IO.File.Exists(Path.Combine(folder.FullName, "FleetKeys.sln")))
            folder = folder.Parent ?? throw new InvalidOperationException("repository root not found");
        return folder.FullName;
    }
}
