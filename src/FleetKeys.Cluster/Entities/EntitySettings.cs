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

    public int SnapshotEvery { get; set; } = 100;

    /// <summary>How often a notification between entities is retried before it is left to the next recovery.</summary>
    public int DeliveryAttempts { get; set; } = 5;
}
