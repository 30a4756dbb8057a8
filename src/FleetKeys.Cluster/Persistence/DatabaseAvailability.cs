namespace FleetKeys.Cluster.Persistence;

/// <summary>Published on the event stream when the journal's database stops or starts answering this node.</summary>
public sealed record DatabaseReachabilityChanged(bool Reachable, DateTimeOffset Since, string? Reason);

/// <summary>
/// Whether this node can reach the journal's database, as <see cref="DatabaseWatch"/> last found it. Requests read it to
/// fail at once with a clear answer instead of waiting out an ask timeout against entities that cannot persist.
/// </summary>
public sealed class DatabaseAvailability
{
    private volatile DatabaseReachabilityChanged _current = new(true, DateTimeOffset.MinValue, null);

    public DatabaseReachabilityChanged Current => _current;

    public bool IsReachable => _current.Reachable;

    internal void Set(DatabaseReachabilityChanged state) => _current = state;
}
