namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>Section "FleetKeys:Audit": how often the chain's head is signed, and where checkpoints are anchored outside the database.</summary>
public sealed class AuditSettings
{
    /// <summary>A checkpoint is signed at least this often while rows are added.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>... and whenever this many rows were added since the last one.</summary>
    public int CheckpointEveryRows { get; set; } = 1000;

    /// <summary>How often the checkpointer looks whether a checkpoint is due and anchoring is behind.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Which audit signing key signs (<see cref="Security.AuditKeys"/>); raise it to rotate the key.</summary>
    public int KeyGeneration { get; set; } = 1;

    /// <summary>An append-only file, best on a volume the database administrator cannot write, that every checkpoint is added to.</summary>
    public string? AnchorFile { get; set; }

    /// <summary>An RFC 5424 syslog collector every checkpoint is sent to.</summary>
    public SyslogAnchorSettings? Syslog { get; set; }

    /// <summary>A checkpoint that has not reached every anchor this long after it was signed raises the anchoring alarm.</summary>
    public TimeSpan AnchorAlarmAfter { get; set; } = TimeSpan.FromMinutes(15);
}

public enum SyslogTransport
{
    Udp,

    /// <summary>Octet-counted frames (RFC 6587).</summary>
    Tcp,
}

public sealed class SyslogAnchorSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 514;
    public SyslogTransport Transport { get; set; } = SyslogTransport.Udp;
}
