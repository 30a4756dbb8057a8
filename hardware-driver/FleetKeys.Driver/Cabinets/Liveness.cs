namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// Whether a cabinet (or its controller) answers, as this driver sees it now: online once heard, offline when not heard within the offline
/// timeout — of its last answer, or of this driver's start — whatever the cluster believed before (a restart, a failover).
/// </summary>
internal sealed class Liveness
{
    private DateTimeOffset? _lastHeard;
    private DateTimeOffset _excusedUntil = DateTimeOffset.MinValue;

    /// <summary>Null until this driver has heard the cabinet or given up on it.</summary>
    public bool? Online { get; private set; }

    /// <summary>Whether the cabinet has answered this driver at all.</summary>
    public bool WasHeard => _lastHeard is not null;

    /// <summary>The cabinet answered: true when that makes it online, which the cluster is to be told.</summary>
    public bool Heard(DateTimeOffset at)
    {
        _lastHeard = at;
        if (Online == true) return false;
        Online = true;
        return true;
    }

    /// <summary>True when the cabinet's silence makes it offline now, which the cluster is to be told.</summary>
    public bool Silent(DateTimeOffset now, DateTimeOffset driverStarted, TimeSpan offlineAfter)
    {
        var since = _lastHeard ?? driverStarted;
        if (Online == false || now - (since > _excusedUntil ? since : _excusedUntil) <= offlineAfter) return false;
        Online = false;
        return true;
    }

    /// <summary>Silence until <paramref name="at"/> does not count: the driver let go on purpose (its database was unreachable).</summary>
    public void Excuse(DateTimeOffset at) => _excusedUntil = at;
}
