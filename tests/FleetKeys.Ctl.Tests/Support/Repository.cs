namespace FleetKeys.Ctl.Tests.Support;

/// <summary>Build outputs of other projects, in the configuration and framework these tests were built with.</summary>
public static class Repository
{
    public static string Fleetctl => Output("src/FleetKeys.Ctl", "fleetctl.dll");

    public static string Node => Output("src/FleetKeys.Node", "FleetKeys.Node.dll");

    private static string Output(string project, string assembly)
    {
        // This assembly lives in tests/FleetKeys.Ctl.Tests/bin/<Configuration>/<tfm>/; the others build likewise.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (!File.Exists(Path.Combine(root.FullName, "FleetKeys.sln"))) root = root.Parent ?? throw new InvalidOperationException("repository root not found");
        return Path.Combine(root.FullName, project, "bin", output.Parent!.Name, output.Name, assembly);
    }
}
