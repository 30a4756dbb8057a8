using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Reports;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Tests.Notifications;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.Reports;
using FleetKeys.Testing;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace FleetKeys.Cluster.Tests.Reports;

/// <summary>
/// Scheduled reports on a real node: due on the site's wall clock (the node's injected clock is moved, never waited for),
/// mailed through the notifier to a real SMTP server with the CSV attached, retried and dead-lettered as alarms are, and
/// sent once after a restart that missed several periods.
/// </summary>
public abstract class ReportMailSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);

    private readonly TDatabase _database = new();
    // Monday 1 June 2026, 10:00 in Berlin: a daily 08:00 report is first due on 2 June at 06:00Z.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly SmtpSink _smtp = SmtpSink.Start();
    private NotificationSettings _settings = null!;
    private TestNode _node = null!;
    private ReadDatabase _readSide = null!;

    private static readonly DateTimeOffset FirstDue = new(2026, 6, 2, 6, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _settings = new NotificationSettings
        {
            MaxAttempts = 3, FirstRetryDelay = FirstRetry, PollInterval = TimeSpan.FromMilliseconds(50),
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = _smtp.Port, From = "fleetkeys@example.com", StartTls = false },
        };
        Directory.CreateDirectory(_database.Settings.DataFolder);
        _readSide = new ReadDatabase(_database.Settings);
        await _readSide.EnsureSchema();
        _node = await Start();
    }

    private Task<TestNode> Start() => TestNode.StartAsync(_database.Settings, _clock, services: s => s
        .AddSingleton(_settings).AddSingleton(new ReportSettings { PollInterval = TimeSpan.FromMilliseconds(50) }));

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ReportSubscriptionsClient Subscriptions => new(_node.Registry, _clock, new EntitySettings());

    private async Task<ReportSubscriptionState> Subscribe(string kind = "keysOut") =>
        Fleet.Must(await Subscriptions.Subscribe("desk@example.com", kind, ReportCadence.Daily(new TimeOnly(8, 0)), Fleet.Site, Fleet.Zone, "operator"));

    /// <summary>A key taken out of its slot without a session: missing, so out of the cabinet, on the read side of its site.</summary>
    private async Task<KeyId> KeyOut()
    {
        var cabinet = await new Fleet(_node.Admin).Cabinet(slots: 1);
        await _node.Ask<SlotEventRecorded>(_node.Region<CabinetRegion>(), new ReportTagRemoved(cabinet, 1, Fleet.TagOf(cabinet, 1), _clock.GetUtcNow()));
        var key = Fleet.Key(cabinet, 1).Id;
        // As the site's report reads it: the cabinet's site comes from another projection than the custody row.
        await Eventually.Holds(async () => Assert.Contains(
            await new ReportQueries(_readSide, _node.System).NotReturned(_clock.GetUtcNow(), Fleet.Site.Value, CancellationToken.None), k => k.KeyId == key.Value));
        return key;
    }

    private static string Attachment(SmtpSink.Mail mail)
    {
        var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(mail.Message.Attachments));
        Assert.Equal("text/csv", part.ContentType.MimeType);
        using var text = new MemoryStream();
        part.Content!.DecodeTo(text);
        return System.Text.Encoding.UTF8.GetString(text.ToArray());
    }

    [Fact]
    public async Task A_due_report_is_mailed_with_its_csv_attached_once_per_period()
    {
        var key = await KeyOut();
        await Subscribe();

        _clock.Advance(FirstDue - _clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Holds(() => Assert.Single(_smtp.Received));

        var mail = Assert.Single(_smtp.Received);
        Assert.Equal(["desk@example.com"], mail.Recipients);
        Assert.Contains("keysOut", mail.Message.Subject);
        var lines = Attachment(mail).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("keyId,keyName,keyGroup,cabinetId,slot,status,holder,since,dueAt", lines[0]);
        Assert.StartsWith(key.Value + ",Key 1,general,", Assert.Single(lines[1..]));
        Assert.Contains(",Missing,", lines[1]);
        var sent = Assert.Single(await Subscriptions.All());
        Assert.Equal(FirstDue.AddDays(1), sent.NextDueAt);
    }

    [Fact]
    public async Task A_discrepancies_report_lists_what_is_open_at_its_site_when_it_is_made()
    {
        var cabinet = await new Fleet(_node.Admin).Cabinet(slots: 3, keys: 1);
        var (open, gone) = (new TagId("stray-open"), new TagId("stray-gone"));
        var at = _clock.GetUtcNow();
        await _node.Ask<CabinetDetails>(_node.Region<CabinetRegion>(),
            new ReportInventory(cabinet, [new SlotTag(1, Fleet.TagOf(cabinet, 1)), new SlotTag(2, open), new SlotTag(3, gone)], at));
        await _node.Ask<SlotEventRecorded>(_node.Region<CabinetRegion>(), new ReportTagRemoved(cabinet, 3, gone, at));
        await Eventually.Holds(async () => Assert.Single((await new ReportQueries(_readSide, _node.System).Discrepancies(
            new DiscrepancyFilter(DiscrepancyStatusFilter.Resolved, Fleet.Site.Value), new Paging(1, 10), CancellationToken.None)).Items));
        await Subscribe("discrepancies");

        _clock.Advance(FirstDue - _clock.GetUtcNow());
        await Eventually.Holds(() => Assert.Single(_smtp.Received));

        var lines = Attachment(Assert.Single(_smtp.Received)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,cabinetId,siteId,slot,kind,tag,key,keyId,foundAt,resolvedAt,resolvedHow", lines[0]);
        Assert.Contains($",{cabinet},{Fleet.Site},2,unknownTag,{open},,,", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task A_report_the_smtp_server_refuses_is_retried_then_a_dead_letter()
    {
        await Subscribe("unusedBadges");
        await _smtp.DisposeAsync();

        _clock.Advance(FirstDue - _clock.GetUtcNow());
        var store = new NotificationStore(_readSide, _clock, new SubscriptionSecrets(new NodeKeys(TestNode.MasterSecret)));
        await AttemptsAre(1);
        _clock.Advance(FirstRetry);
        await AttemptsAre(2);
        _clock.Advance(FirstRetry * 2);
        DeliveryRow dead = null!;
        await Eventually.Holds(async () => dead = Assert.Single(await store.DeadLetters(CancellationToken.None)));

        Assert.Equal((ReportMail.Kind, 3), (dead.Kind, dead.Attempts));
        Assert.Contains("unusedBadges", dead.Payload);
    }

    private Task AttemptsAre(int attempts) => Eventually.Holds(async () => Assert.Equal(attempts, (await _readSide.Query(
        (db, ct) => db.GetTable<DeliveryRow>().SingleAsync(ct), CancellationToken.None)).Attempts));

    [Fact]
    public async Task The_faults_report_lists_the_faults_open_on_the_sites_keys_the_most_severe_first()
    {
        var cabinet = await new Fleet(_node.Admin).Cabinet(slots: 3);
        var (minor, critical, cleared) = (FaultId.New(), FaultId.New(), FaultId.New());
        foreach (var (slot, fault, severity, text) in new[]
                 {
                     (1, minor, FaultSeverity.Minor, "key ring worn"), (2, critical, FaultSeverity.Critical, "brakes faulty"),
                     (3, cleared, FaultSeverity.Major, "warning light on"),
                 })
            await _node.Ask<KeySlotDetails>(_node.Region<KeySlotRegion>(),
                new ReportFault(new SlotId(cabinet, slot), fault, severity, text, null, "ops", _clock.GetUtcNow()));
        await _node.Ask<KeySlotDetails>(_node.Region<KeySlotRegion>(), new ClearFault(new SlotId(cabinet, 3), cleared, "bulb", "ops", _clock.GetUtcNow()));
        await Eventually.Holds(async () => Assert.Equal(2,
            (await new ReportQueries(_readSide, _node.System).OpenFaults(Fleet.Site.Value, Visibility.Everything, CancellationToken.None)).Count(f => f.CabinetId == cabinet.Value)));
        await Subscribe("faults");

        _clock.Advance(FirstDue - _clock.GetUtcNow());
        await Eventually.Holds(() => Assert.Single(_smtp.Received));

        var lines = Attachment(Assert.Single(_smtp.Received)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("faultId,keyId,keyName,cabinetId,slot,severity,description,reportedBy,reportedVia,reportedAt", lines[0]);
        Assert.Equal([critical.Value, minor.Value], lines[1..].Select(l => l.Split(',')[0]));
        Assert.Contains($",{cabinet},2,Critical,brakes faulty,,ops,", lines[1]);
    }

    [Fact]
    public async Task Reports_missed_while_the_node_was_down_go_once_when_it_is_back()
    {
        await Subscribe();
        await _node.DisposeAsync();

        _clock.Advance(TimeSpan.FromDays(3));
        _node = await Start();
        await Eventually.Holds(() => Assert.Single(_smtp.Received));

        var subscription = Assert.Single(await Subscriptions.All());
        Assert.Equal(_clock.GetUtcNow(), subscription.LastSentAt);
        Assert.True(subscription.NextDueAt > _clock.GetUtcNow());
        await Eventually.Holds(async () => Assert.Empty(await _readSide.Query((db, ct) =>
            db.GetTable<DeliveryRow>().Where(d => d.Status == DeliveryRow.Pending).ToListAsync(ct), CancellationToken.None)));
        Assert.Single(_smtp.Received);
    }
}

public sealed class SqliteReportMailSpecs : ReportMailSpecs<SqliteTestDatabase>;

public sealed class PostgresReportMailSpecs : ReportMailSpecs<PostgresTestDatabase>;
