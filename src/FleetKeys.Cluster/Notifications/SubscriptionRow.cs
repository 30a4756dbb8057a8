using System.Globalization;
using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// Who is told of which alarms, and how: a webhook (url and signing secret) or email (addresses, and/or the person the
/// alarm names and their manager). Kinds and sites are space-separated; empty means all. Not a read model: a rebuild
/// of the read side leaves it alone.
/// </summary>
[Table("nt_subscriptions")]
public sealed class SubscriptionRow
{
    public const string Webhook = "webhook";
    public const string Email = "email";

    [Column("subscription_id"), PrimaryKey, NotNull] public string SubscriptionId { get; set; } = "";
    [Column("channel"), NotNull] public string Channel { get; set; } = Webhook;
    [Column("url"), Nullable] public string? Url { get; set; }
    [Column("secret"), Nullable] public string? Secret { get; set; }
    [Column("recipients"), Nullable] public string? Recipients { get; set; }
    [Column("to_holder")] public bool ToHolder { get; set; }
    [Column("to_manager")] public bool ToManager { get; set; }
    [Column("kinds"), Nullable] public string? Kinds { get; set; }
    [Column("sites"), Nullable] public string? Sites { get; set; }
    [Column("quiet_from"), Nullable] public string? QuietFrom { get; set; }
    [Column("quiet_to"), Nullable] public string? QuietTo { get; set; }
    [Column("created_at")] public long CreatedAt { get; set; }

    public static string? Join(IEnumerable<string>? values) => values?.Any() == true ? string.Join(' ', values) : null;

    public static IReadOnlyList<string> Split(string? values) => values?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public QuietHours? Quiet =>
        QuietFrom is { } from && QuietTo is { } to
            ? new QuietHours(TimeOnly.Parse(from, CultureInfo.InvariantCulture), TimeOnly.Parse(to, CultureInfo.InvariantCulture))
            : null;

    /// <summary>
    /// Whether this subscription is told of the notice. Quiet hours are read on the site's clock at the time the alarm was
    /// raised, so replaying the stream decides the same way; they never hold back a security alarm.
    /// </summary>
    public bool Wants(Notice notice, TimeZoneInfo siteZone)
    {
        var kinds = Split(Kinds);
        var sites = Split(Sites);
        if (kinds.Count > 0 && !kinds.Contains(notice.Kind)) return false;
        if (sites.Count > 0 && (notice.SiteId is null || !sites.Contains(notice.SiteId))) return false;
        // Mail only to the people an alarm names has nobody to go to when the alarm names nobody.
        if (Channel == Email && Recipients is null && notice.PersonId is null) return false;
        return notice.Security || Quiet?.Covers(notice.RaisedAt, siteZone) != true;
    }
}
