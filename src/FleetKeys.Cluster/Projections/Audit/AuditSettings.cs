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
}
