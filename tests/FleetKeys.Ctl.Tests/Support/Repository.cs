using FleetKeys.Testing;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>The build output of fleetctl, in the configuration and framework the tests were built with.</summary>
public static class Repository
{
    public static string Fleetctl => RepositoryPaths.BuildOutput("src/FleetKeys.Ctl", "fleetctl.dll");
}
