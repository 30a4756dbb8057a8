namespace FleetKeys.Cluster.Entities;

/// <summary>Timings of the take flow and of the entities' persistence, bound from configuration section "FleetKeys:Entities".</summary>
public sealed class EntitySettings
{
    /// <summary>How long an unlocked slot waits for its key to be removed before the grant lapses and the slot relocks.</summary>
    public TimeSpan ReleaseWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a badge session at a cabinet stays open for choosing keys.</summary>
    public TimeSpan SessionLength { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an entity waits for another entity's answer before giving up on that step.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a controller may stay out of reach before it raises the offline-too-long alarm.</summary>
    public TimeSpan ControllerOfflineAlarmAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long a PIN opens sessions after it was set before it must be changed; null (the default): PINs do not expire.</summary>
    public TimeSpan? PinExpiresAfter { get; set; }

    /// <summary>
    /// When set, a person none of whose badges any cabinet has seen for this long is suspended automatically (checked every
    /// <see cref="UnusedBadgeSweepInterval"/>); null (the default): unused badges are only reported.
    /// </summary>
    public TimeSpan? SuspendUnusedBadgesAfter { get; set; }

    public TimeSpan UnusedBadgeSweepInterval { get; set; } = TimeSpan.FromHours(1);

    public int SnapshotEvery { get; set; } = 100;

    /// <summary>How often a notification between entities is retried before it is left to the next recovery.</summary>
    public int DeliveryAttempts { get; set; } = 5;
}
