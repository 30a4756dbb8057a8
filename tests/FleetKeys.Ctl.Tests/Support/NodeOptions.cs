using FleetKeys.Api.Auth;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>How a test node is configured, as command-line arguments: the same for a node in this process or in its own.</summary>
/// <param name="ManagementPort">0: a free port, read back from the node.</param>
/// <param name="DownByHandOnly">Holds the split-brain resolver back (for minutes), so a test's operator downs unreachable nodes first.</param>
/// <param name="Extra">Further settings, as arguments, after (so over) the ones above.</param>
public sealed record NodeOptions(
    string DataFolder, int ClusterPort = 0, string[]? Seeds = null, int ManagementPort = 0, string LogLevel = "Warning", bool DownByHandOnly = false,
    string[]? Extra = null)
{
    public string ClusterAddress => $"akka.tcp://fleetkeys@127.0.0.1:{ClusterPort}";

    public string[] Arguments() =>
    [
        "--urls", "http://127.0.0.1:0",
        "--FleetKeys:Cluster:Port", ClusterPort.ToString(),
        .. (Seeds ?? []).SelectMany((seed, i) => new[] { $"--FleetKeys:Cluster:SeedNodes:{i}", seed }),
        "--FleetKeys:Management:Port", ManagementPort.ToString(),
        .. (DownByHandOnly ? new[] { "--FleetKeys:Cluster:DownUnreachableAfter", "00:05:00" } : []),
        "--FleetKeys:Persistence:DataFolder", DataFolder,
        "--FleetKeys:Logging:Level", LogLevel,
        "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(Keys.MasterSecret),
        "--FleetKeys:Api:BootstrapAdminKey", Keys.Admin,
        "--FleetKeys:Api:Keys:0:Name", "control-room", "--FleetKeys:Api:Keys:0:Role", Roles.Operator,
        "--FleetKeys:Api:Keys:0:Sha256", ApiKeys.Hash(Keys.Operator),
        "--FleetKeys:Api:Keys:1:Name", "audit", "--FleetKeys:Api:Keys:1:Role", Roles.Auditor,
        "--FleetKeys:Api:Keys:1:Sha256", ApiKeys.Hash(Keys.Auditor),
        "--FleetKeys:Api:Keys:2:Name", "vans-desk", "--FleetKeys:Api:Keys:2:Role", Roles.GrantsOnly,
        "--FleetKeys:Api:Keys:2:Sha256", ApiKeys.Hash(Keys.VansDesk),
        "--FleetKeys:Api:Keys:3:Name", "new-desk", "--FleetKeys:Api:Keys:3:Role", Roles.GrantsOnly,
        "--FleetKeys:Api:Keys:3:Sha256", ApiKeys.Hash(Keys.NewDesk),
        .. Extra ?? [],
    ];
}
