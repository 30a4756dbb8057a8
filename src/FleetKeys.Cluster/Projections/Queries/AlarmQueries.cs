using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

public enum AlarmStateFilter
{
    /// <summary>Not cleared yet, acknowledged or not.</summary>
    Active,
    /// <summary>Raised and nobody has acknowledged it.</summary>
    Open,
    Acknowledged,
    Cleared,
    All,
}

/// <summary><c>SecurityOnly</c>: only the kinds security must hear of (<see cref="AlarmSources.Security"/>).</summary>
public sealed record AlarmFilter(AlarmStateFilter State, string? Kind, string? SiteId, string? CabinetId, string? PersonId, bool SecurityOnly = false)
{
    /// <summary>Only the alarms of this controller (its communication lost, offline too long).</summary>
    public string? ControllerId { get; init; }

    public Visibility Visible { get; init; } = Visibility.Everything;
}

public sealed class AlarmQueries(ReadDatabase database)
{
    /// <summary>Newest first: the control room looks at what just happened.</summary>
    public Task<Paged<AlarmRow>> List(AlarmFilter f, Paging paging, CancellationToken cancellationToken)
    {
        var security = SecurityKinds;
        return database.Query((db, ct) => db.GetTable<AlarmRow>().Visible(db, f.Visible)
            .Where(a => !f.SecurityOnly || security.Contains(a.Kind))
            .Where(a => f.State != AlarmStateFilter.Active || a.ClearedAt == null)
            .Where(a => f.State != AlarmStateFilter.Open || (a.ClearedAt == null && a.AcknowledgedAt == null))
            .Where(a => f.State != AlarmStateFilter.Acknowledged || (a.ClearedAt == null && a.AcknowledgedAt != null))
            .Where(a => f.State != AlarmStateFilter.Cleared || a.ClearedAt != null)
            .Where(a => f.Kind == null || a.Kind == f.Kind)
            .Where(a => f.CabinetId == null || a.CabinetId == f.CabinetId)
            .Where(a => f.PersonId == null || a.PersonId == f.PersonId)
            .Where(a => f.ControllerId == null || a.ControllerId == f.ControllerId)
            .Where(a => f.SiteId == null || db.GetTable<CabinetRow>().Any(c => c.CabinetId == a.CabinetId && c.SiteId == f.SiteId))
            .OrderByDescending(a => a.AlarmId).ToPaged(paging, ct), cancellationToken);
    }

    private static readonly List<string> SecurityKinds = [.. AlarmSources.Security.Select(k => k.ToString())];

    public Task<AlarmRow?> Get(long alarmId, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<AlarmRow>().Where(a => a.AlarmId == alarmId).FirstOrDefaultAsync(ct), cancellationToken);

    /// <summary>Alarms not cleared yet whose kind concerns security (<see cref="AlarmSources.Security"/>).</summary>
    public Task<int> ActiveSecurity(CancellationToken cancellationToken)
    {
        var kinds = SecurityKinds;
        return database.Query((db, ct) => db.GetTable<AlarmRow>().CountAsync(a => a.ClearedAt == null && kinds.Contains(a.Kind), ct), cancellationToken);
    }

    public Task<int> OpenCount(CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<AlarmRow>().CountAsync(a => a.ClearedAt == null, ct), cancellationToken);
}
