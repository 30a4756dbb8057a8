namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// Whether a cabinet answers, as this driver sees it now: online once heard, offline when not heard within the offline
/// timeout — of its last answer, or of this driver's start — whatever the cluster believed before (a restart, a failover).
/// </summary>
internal sealed class CabinetLiveness
{
    private DateTimeOffset? _lastHeard;

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
        if (Online == false || now - (_lastHeard ?? driverStarted) <= offlineAfter) return false;
        Online = false;
        return true;
    }
}
