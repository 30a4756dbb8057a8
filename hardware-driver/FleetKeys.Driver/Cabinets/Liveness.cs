namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// Whether a cabinet (or its controller) answers, as this driver sees it now: online once heard, offline when not heard within the offline
/// timeout — of its last answer, or (never heard) of this driver's first link to the controller, its start before that — whatever the cluster believed before (a restart, a failover).
/// A change stays <see cref="Unconfirmed"/> until the cluster took it: a cabinet's controller learns of it before the cabinet
/// itself is registered, and a first answer reported in between was refused and never told again.
/// </summary>
internal sealed class Liveness
{
    private DateTimeOffset? _lastHeard;
    private DateTimeOffset _excusedUntil = DateTimeOffset.MinValue;
    private bool _confirmed;

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
        _confirmed = false;
        return true;
    }

    /// <summary>True when the cabinet's silence makes it offline now, which the cluster is to be told.</summary>
    public bool Silent(DateTimeOffset now, DateTimeOffset askedSince, TimeSpan offlineAfter)
    {
        var since = _lastHeard ?? askedSince;
        if (Online == false || now - (since > _excusedUntil ? since : _excusedUntil) <= offlineAfter) return false;
        Online = false;
        _confirmed = false;
        return true;
    }

    /// <summary>The state the cluster has still to take, to be told again; null once it took the latest.</summary>
    public bool? Unconfirmed => _confirmed ? null : Online;

    /// <summary>The cluster answered the report of <paramref name="online"/>; an answer to a state since replaced changes nothing.</summary>
    public void Answered(bool online, bool accepted)
    {
        if (online == Online) _confirmed = accepted;
    }

    /// <summary>Silence until <paramref name="at"/> does not count: the driver let go on purpose (its database was unreachable).</summary>
    public void Excuse(DateTimeOffset at) => _excusedUntil = at;
}
