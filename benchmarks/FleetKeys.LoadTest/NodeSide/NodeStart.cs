using FleetKeys.Cluster.Persistence;

namespace FleetKeys.LoadTest.NodeSide;

/// <summary>
/// What the node's process is started with, sent as one JSON line on its standard input: on the command line the master
/// secret would be readable by anyone listing the machine's processes.
/// </summary>
public sealed record NodeStart(LoadTestOptions Options, DatabaseProvider Provider, string DataFolder, string? ConnectionString,
    byte[] MasterSecret, string AdminKey);
