using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>Build outputs of the programs these tests run, in the configuration and framework the tests were built with.</summary>
public static class Repository
{
    public static string Fleetctl => RepositoryPaths.BuildOutput("src/FleetKeys.Ctl", "fleetctl.dll");

    public static string Node => RepositoryPaths.BuildOutput("src/FleetKeys.Node", "FleetKeys.Node.dll");
}
