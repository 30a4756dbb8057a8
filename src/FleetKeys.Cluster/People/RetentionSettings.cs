namespace FleetKeys.Cluster.People;

/// <summary>
/// <c>FleetKeys:Retention</c>: how long custody history stays readable (issue #23, point 3). Off unless
/// <see cref="Period"/> is set; see docs/operations.md, "Retention".
/// </summary>
public sealed class RetentionSettings
{
    /// <summary>
    /// Custody history older than this is shredded, a whole calendar year at a time once the year has wholly passed the
    /// cut-off (now less the period). A time span, <c>d.hh:mm:ss</c>: 7 years is <c>2557.00:00:00</c>. Null: kept for ever.
    /// </summary>
    public TimeSpan? Period { get; set; }

    /// <summary>How often the retention looks for periods past it: daily unless told.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>What is wrong with these settings, for the node to refuse to start with; null when they are fine.</summary>
    public string? Problem() => this switch
    {
        { Period: { } period } when period <= TimeSpan.Zero =>
            $"FleetKeys:Retention:Period must be a positive time span such as 2557.00:00:00 (7 years), not {period}",
        { Every: var every } when every <= TimeSpan.Zero =>
            $"FleetKeys:Retention:Every must be a positive time span such as 1.00:00:00 (daily), not {every}",
        _ => null,
    };
}
