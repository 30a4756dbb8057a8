using System.Text.Json;
using FleetKeys.Api.Binding;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Text;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

public enum ExportFormat
{
    Json,
    Csv,
}

/// <summary>An export is JSON unless <c>?format=csv</c>.</summary>
public sealed record ExportQuery(ExportFormat Format) : Query<ExportQuery>, IQuery<ExportQuery>
{
    public static ExportQuery Read(QueryArguments query) => new(query.Choice<ExportFormat>("format") ?? ExportFormat.Json);
}

/// <summary>A notice about the person queued for one subscription, and where its delivery stands; not the body sent.</summary>
public sealed record NotificationSentView(string Id, string NoticeId, string SubscriptionId, string Kind, string Status, int Attempts, DateTimeOffset? FinishedAt)
{
    public static NotificationSentView Of(DeliveryRow d) => new(d.DeliveryId, d.NoticeId, d.SubscriptionId, d.Kind, d.Status, d.Attempts, Ticks.Instant(d.FinishedAt));
}

/// <summary>
/// Everything FleetKeys holds about one person, for a subject-access request: the profile as the entity has it (badges,
/// entitlements, contact, external ids; whether a PIN is set, never its hash), and the read side's custody history,
/// alarms, approval requests and notifications that name them; <c>Elsewhere</c>, what each other store holds, by its name.
/// </summary>
public sealed record PersonExport(
    DateTimeOffset ExportedAt, PersonView Person, IReadOnlyList<CustodyEvent> Custody, IReadOnlyList<AlarmView> Alarms,
    IReadOnlyList<ApprovalRequestView> Approvals, IReadOnlyList<NotificationSentView> Notifications, IReadOnlyDictionary<string, JsonElement> Elsewhere)
{
    public static async Task<PersonExport> Of(PersonDetails person, DateTimeOffset at, CustodyQueries custody, PersonalDataQueries personal,
        IEnumerable<IPersonalDataSource> sources, CancellationToken cancellationToken)
    {
        var id = person.Id.Value;
        var history = new List<CustodyEvent>();
        await foreach (var row in custody.AllHistory(new HistoryFilter(null, id, null, null, null), cancellationToken)) history.Add(CustodyEvent.Of(row));
        return new PersonExport(at, PersonView.Of(person), history,
            [.. (await personal.Alarms(id, cancellationToken)).Select(AlarmView.Of)],
            [.. (await personal.Approvals(id, cancellationToken)).Select(ApprovalRequestView.Of)],
            [.. (await personal.Notifications(id, cancellationToken)).Select(NotificationSentView.Of)],
            await HeldElsewhere(person.Id, sources, cancellationToken));
    }

    private static async Task<IReadOnlyDictionary<string, JsonElement>> HeldElsewhere(PersonId person, IEnumerable<IPersonalDataSource> sources, CancellationToken cancellationToken)
    {
        var held = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var source in sources)
            if (await source.Of(person, cancellationToken) is { } json) held[source.Name] = json;
        return held;
    }

    public static readonly IReadOnlyList<string> CsvHeader = ["section", "id", "at", "kind", "keyId", "cabinetId", "detail"];

    /// <summary>
    /// One line per fact, every section under one header: the profile a field a line (<c>kind</c> the field), then badges,
    /// entitlements, custody, alarms, approvals and notifications, and what each other store holds as JSON (<c>section</c> its name).
    /// </summary>
    public IEnumerable<object?[]> CsvLines()
    {
        var p = Person;
        foreach (var (field, value) in Profile(p)) yield return ["profile", p.Id, null, field, null, null, value];
        foreach (var badge in p.Badges) yield return ["badge", badge, null, null, null, null, null];
        foreach (var x in p.ExternalIds) yield return ["externalId", x.CardholderId, null, x.Source, null, null, null];
        foreach (var e in p.Entitlements)
            yield return ["entitlement", null, null, e.Group ?? "any group", null, e.CabinetId,
                string.Join("; ", [$"site={e.SiteId ?? "any"}", .. (e.Schedule ?? []).Select(w => $"{string.Join(",", w.Days ?? [])} {w.From}-{w.To}")])];
        foreach (var c in Custody)
            yield return ["custody", c.Id, c.At, c.Kind, c.KeyId, c.CabinetId,
                Joined(("person", c.PersonId), ("returnedBy", c.ReturnedBy), ("handedFrom", c.HandedFrom), ("reason", c.Reason), ("releasedBy", c.ReleasedBy),
                    ("odometerKm", c.OdometerKm), ("fuelPercent", c.FuelPercent), ("damaged", c.Damaged))];
        foreach (var a in Alarms)
            yield return ["alarm", a.Id, a.RaisedAt, WireNames.CamelCase(a.Kind.ToString()), null, a.CabinetId, Joined(("state", a.State), ("detail", a.Detail))];
        foreach (var r in Approvals)
            yield return ["approval", r.Id, r.RequestedAt, r.Status.ToString(), r.KeyId, r.CabinetId,
                Joined(("person", r.PersonId), ("approver", r.ApproverPersonId), ("reason", r.Reason), ("decidedBy", r.DecidedBy), ("note", r.Note))];
        foreach (var n in Notifications)
            yield return ["notification", n.Id, n.FinishedAt, n.Kind, null, null, Joined(("status", n.Status), ("subscription", n.SubscriptionId), ("attempts", n.Attempts))];
        foreach (var (source, json) in Elsewhere) yield return [source, p.Id, null, null, null, null, json.GetRawText()];
    }

    private static IEnumerable<(string Field, object? Value)> Profile(PersonView p) =>
    [
        ("name", p.Name), ("status", p.Status), ("email", p.Email), ("managerId", p.ManagerId), ("validFrom", p.ValidFrom), ("validUntil", p.ValidUntil),
        ("maxKeys", p.MaxKeys), ("hasPin", p.HasPin), ("pinSetAt", p.PinSetAt), ("keysHeld", string.Join(" ", p.KeysHeld)),
        ("revocationReason", p.RevocationReason),
    ];

    private static string Joined(params (string Name, object? Value)[] fields) =>
        string.Join("; ", fields.Where(f => f.Value is not null).Select(f => $"{f.Name}={f.Value}"));
}
