using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Testing;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Notifications;

/// <summary>
/// Alarms raised on a real node reach a real webhook receiver and a real SMTP server: signed, retried with growing pauses
/// on the node's injected clock, dead-lettered after the last attempt, held back by quiet hours unless security needs them.
/// </summary>
public abstract class NotificationSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);

    private readonly TDatabase _database = new();
    // 08:00 UTC is 10:00 at the fleet's site (Berlin, summer time).
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly SmtpSink _smtp = SmtpSink.Start();
    private WebhookReceiver _receiver = null!;
    private NotificationSettings _settings = null!;
    private TestNode _node = null!;
    private Fleet _fleet = null!;
    private NotificationStore _store = null!;
    private ReadDatabase _readSide = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _receiver = await WebhookReceiver.Start();
        _settings = new NotificationSettings
        {
            MaxAttempts = 3, FirstRetryDelay = FirstRetry, PollInterval = TimeSpan.FromMilliseconds(50),
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = _smtp.Port, From = "fleetkeys@example.com", StartTls = false },
        };
        // The tables exist before the node starts, so its schema check does not race this one (PostgreSQL refuses that).
        Directory.CreateDirectory(_database.Settings.DataFolder);
        _readSide = new ReadDatabase(_database.Settings);
        await _readSide.EnsureSchema();
        _store = new NotificationStore(_readSide, _clock, new SubscriptionSecrets(new NodeKeys(TestNode.MasterSecret)));
        _node = await TestNode.StartAsync(_database.Settings, _clock, services: s => s.AddSingleton(_settings));
        _fleet = new Fleet(_node.Admin);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private Task<T> AtCabinet<T>(object message) => _node.Ask<T>(_node.Region<CabinetRegion>(), message);

    private Task ForcedRemoval(CabinetId cabinet, int slot) =>
        AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, slot, Fleet.TagOf(cabinet, slot), Now));

    private Task DeniedBadge(CabinetId cabinet, BadgeNumber? badge = null) =>
        AtCabinet<Rejection>(new PresentBadge(cabinet, badge ?? new BadgeNumber(Fleet.Unique("nobody")), null, Now));

    private Task<(SubscriptionRow Subscription, string? Secret)> Webhook(string kinds = "forcedRemoval", string? sites = null, string? quietFrom = null, string? quietTo = null) =>
        _store.Create(new SubscriptionRow
        {
            Channel = SubscriptionRow.Webhook, Url = _receiver.Url, Kinds = kinds, Sites = sites, QuietFrom = quietFrom, QuietTo = quietTo,
        }, CancellationToken.None);

    private static JsonElement Parse(WebhookReceiver.Call call) => JsonDocument.Parse(call.Body).RootElement;

    /// <summary>
    /// Every queued delivery is done or waits for a later attempt, so with the clock held no further call can come; then
    /// exactly <paramref name="count"/> calls came.
    /// </summary>
    private async Task NoMoreThan(int count)
    {
        var now = Now.UtcTicks;
        await Eventually.Holds(async () => Assert.Equal(0, await _readSide.Query((db, ct) => db.GetTable<DeliveryRow>()
            .CountAsync(d => d.Status == DeliveryRow.Pending && d.NextAttemptAt <= now, ct), CancellationToken.None)));
        Assert.Equal(count, _receiver.Calls.Count);
    }

    [Fact]
    public async Task A_dispatcher_pass_leaves_no_message_of_ours_unhandled()
    {
        var unhandled = new System.Collections.Concurrent.ConcurrentQueue<UnhandledMessage>();
        var watcher = _node.System.ActorOf(Props.Create(() => new UnhandledWatcher(unhandled)));
        _node.System.EventStream.Subscribe(watcher, typeof(UnhandledMessage));
        await Webhook();
        var cabinet = await _fleet.Cabinet(slots: 2);

        // A pass starts only once the one before it has finished: the second call proves the first pass's end was handled.
        await ForcedRemoval(cabinet, 1);
        await _receiver.AtLeast(1);
        await ForcedRemoval(cabinet, 2);
        await _receiver.AtLeast(2);
        // Everything published before this marker reaches the watcher before it.
        var marker = new UnhandledMessage("marker", ActorRefs.NoSender, ActorRefs.NoSender);
        _node.System.EventStream.Publish(marker);
        await Eventually.Holds(() => Assert.Contains(marker, unhandled));

        Assert.Empty(unhandled.Where(u => u.Message.GetType().FullName!.StartsWith("FleetKeys", StringComparison.Ordinal))
            .Select(u => $"{u.Message.GetType().FullName} to {u.Recipient.Path}"));
    }

    private sealed class UnhandledWatcher : ReceiveActor
    {
        public UnhandledWatcher(System.Collections.Concurrent.ConcurrentQueue<UnhandledMessage> seen) =>
            Receive<UnhandledMessage>(seen.Enqueue);
    }

    [Fact]
    public async Task A_webhook_is_signed_and_retried_after_growing_pauses_with_one_idempotency_id()
    {
        var (_, secret) = await Webhook();
        var cabinet = await _fleet.Cabinet(slots: 1);
        _receiver.FailNext(2);

        await ForcedRemoval(cabinet, 1);
        await _receiver.AtLeast(1);
        await NoMoreThan(1);
        _clock.Advance(FirstRetry);
        await _receiver.AtLeast(2);
        _clock.Advance(FirstRetry);
        await NoMoreThan(2);
        _clock.Advance(FirstRetry);
        var calls = await _receiver.AtLeast(3);
        await NoMoreThan(3);

        Assert.All(calls, c => Assert.True(c.SignedWith(secret!), $"bad signature {c.Signature}"));
        Assert.Single(calls.Select(c => c.IdempotencyKey).Distinct());
        var notice = Parse(calls[0]);
        Assert.Equal(calls[0].IdempotencyKey, notice.GetProperty("id").GetString());
        Assert.Equal(("forcedRemoval", true, cabinet.Value, Fleet.Site.Value),
            (notice.GetProperty("kind").GetString(), notice.GetProperty("security").GetBoolean(), notice.GetProperty("cabinetId").GetString(),
                notice.GetProperty("siteId").GetString()));
        Assert.False(calls[0].SignedWith("another secret"));
    }

    [Fact]
    public async Task A_signing_secret_is_stored_only_sealed_and_one_an_older_version_stored_in_clear_is_sealed_and_still_signs()
    {
        var (created, secret) = await Webhook();
        var legacy = new SubscriptionRow
        {
            SubscriptionId = Fleet.Unique("sub-legacy"), Channel = SubscriptionRow.Webhook, Url = _receiver.Url, Kinds = "forcedRemoval",
            Secret = "secret-stored-in-clear", CreatedAt = Now.UtcTicks,
        };
        await _readSide.Query((db, ct) => db.InsertAsync(legacy, token: ct), CancellationToken.None);
        var sealedNow = await _store.SealClearSecrets(CancellationToken.None);
        var cabinet = await _fleet.Cabinet(slots: 1);

        await ForcedRemoval(cabinet, 1);
        var calls = await _receiver.AtLeast(2);

        var stored = (await _store.Subscriptions(CancellationToken.None)).Select(s => s.Secret!).ToList();
        Assert.Equal(1, sealedNow);
        Assert.All(stored, s => Assert.StartsWith("sealed:", s));
        Assert.DoesNotContain(stored, s => s.Contains(secret!) || s.Contains("secret-stored-in-clear"));
        Assert.Contains(calls, c => c.SignedWith(secret!));
        Assert.Contains(calls, c => c.SignedWith("secret-stored-in-clear"));
        Assert.Equal(0, await _store.SealClearSecrets(CancellationToken.None));
        Assert.NotNull(created.Secret);
    }

    [Fact]
    public async Task After_the_last_attempt_a_notice_is_a_dead_letter_until_retried_by_hand()
    {
        var (subscription, _) = await Webhook();
        var cabinet = await _fleet.Cabinet(slots: 1);
        _receiver.FailNext(-1);

        await ForcedRemoval(cabinet, 1);
        await _receiver.AtLeast(1);
        _clock.Advance(FirstRetry);
        await _receiver.AtLeast(2);
        _clock.Advance(FirstRetry * 2);
        await _receiver.AtLeast(3);
        DeliveryRow dead = null!;
        await Eventually.Holds(async () => dead = Assert.Single(await _store.DeadLetters(CancellationToken.None)));
        _clock.Advance(TimeSpan.FromHours(1));
        await NoMoreThan(3);

        Assert.Equal((subscription.SubscriptionId, 3), (dead.SubscriptionId, dead.Attempts));
        Assert.Contains("503", dead.LastError);
        _receiver.FailNext(0);
        Assert.True(await _store.Retry(dead.DeliveryId, CancellationToken.None));
        await _receiver.AtLeast(4);
        await Eventually.Holds(async () => Assert.Empty(await _store.DeadLetters(CancellationToken.None)));
        Assert.False(await _store.Retry(dead.DeliveryId, CancellationToken.None));
    }

    [Fact]
    public async Task Quiet_hours_hold_back_everything_but_security_alarms_and_kinds_and_sites_choose_what_is_sent()
    {
        // 09:00-11:00 at the site covers its 10:00 now; 10:30-09:30 (across midnight) does not.
        var (_, quiet) = await Webhook(kinds: "accessDenied forcedRemoval", quietFrom: "09:00", quietTo: "11:00");
        var (_, awake) = await Webhook(kinds: "forcedRemoval accessDenied", sites: Fleet.Site.Value, quietFrom: "10:30", quietTo: "09:30");
        await Webhook(sites: "elsewhere");
        await Webhook(kinds: "cabinetOffline");
        var cabinet = await _fleet.Cabinet(slots: 1);

        await DeniedBadge(cabinet);
        await ForcedRemoval(cabinet, 1);
        var calls = await _receiver.AtLeast(3);
        await NoMoreThan(3);

        var told = calls.Select(c => Parse(c).GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["accessDenied", "forcedRemoval", "forcedRemoval"], told);
        Assert.Equal(1, calls.Count(c => c.SignedWith(quiet!)));
        Assert.Equal(2, calls.Count(c => c.SignedWith(awake!)));
    }

    [Fact]
    public async Task A_restarted_node_goes_on_from_where_the_stream_was_and_sends_nothing_twice()
    {
        await Webhook();
        var cabinet = await _fleet.Cabinet(slots: 2);
        await ForcedRemoval(cabinet, 1);
        await _receiver.AtLeast(1);
        // Stopped only once the delivery is recorded: one stopped between sending and recording sends again (at least once).
        await Eventually.Holds(async () => Assert.True(await _readSide.Query((db, ct) =>
            db.GetTable<DeliveryRow>().AnyAsync(d => d.Status == DeliveryRow.Delivered, ct), CancellationToken.None)));

        await _node.DisposeAsync();
        _node = await TestNode.StartAsync(_database.Settings, _clock, services: s => s.AddSingleton(_settings));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 2, Fleet.TagOf(cabinet, 2), Now));
        var calls = await _receiver.AtLeast(2);
        await NoMoreThan(2);

        Assert.Equal(2, calls.Select(c => c.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task An_email_goes_to_the_listed_addresses_and_to_the_person_the_alarm_names_and_their_manager()
    {
        var (manager, _) = await _fleet.Person();
        var (person, badge) = await _fleet.Person();
        Fleet.Must(await _node.Admin.SetContact(manager, "boss@example.com", null));
        Fleet.Must(await _node.Admin.SetContact(person, "pat@example.com", manager));
        await _store.Create(new SubscriptionRow
        {
            Channel = SubscriptionRow.Email, Recipients = "desk@example.com", ToHolder = true, ToManager = true, Kinds = "accessDenied",
        }, CancellationToken.None);
        var cabinet = await _fleet.Cabinet(slots: 1);
        Fleet.Must(await _node.Admin.Revoke(person, PersonStatus.Suspended, "lost badge"));

        await DeniedBadge(cabinet, badge);

        SmtpSink.Mail mail = null!;
        await Eventually.Holds(() => mail = Assert.Single(_smtp.Received));
        Assert.Equal(["boss@example.com", "desk@example.com", "pat@example.com"], mail.Recipients.Order());
        Assert.Equal("fleetkeys@example.com", mail.Message.From.Mailboxes.Single().Address);
        Assert.Contains("accessDenied", mail.Message.Subject);
        Assert.Contains($"badge {badge.Masked} of {person} was refused: ", mail.Message.TextBody);
        // A mail leaves FleetKeys for good: it names the person by id, and never their badge's number.
        Assert.DoesNotContain(badge.Value, mail.Message.TextBody + mail.Message.Subject);
    }

    [Fact]
    public async Task A_mail_server_refusing_a_persons_address_is_recorded_and_logged_without_the_address()
    {
        var (person, badge) = await _fleet.Person();
        Fleet.Must(await _node.Admin.SetContact(person, "quentin.refused@example.com", null));
        await _store.Create(new SubscriptionRow { Channel = SubscriptionRow.Email, ToHolder = true, Kinds = "accessDenied" }, CancellationToken.None);
        var cabinet = await _fleet.Cabinet(slots: 1);
        Fleet.Must(await _node.Admin.Revoke(person, PersonStatus.Suspended, "lost badge"));
        _smtp.Refuse = "quentin.refused@example.com";

        await DeniedBadge(cabinet, badge);

        DeliveryRow failed = null!;
        await Eventually.Holds(async () =>
        {
            await using var db = _readSide.Open();
            failed = Assert.Single(await db.GetTable<DeliveryRow>().Where(d => d.PersonId == person.Value && d.Attempts > 0).ToListAsync());
        });
        Assert.Contains("Recipient address rejected", failed.LastError);
        Assert.Contains("(an address)", failed.LastError);
        Assert.DoesNotContain("quentin", failed.LastError);
    }
}

public sealed class SqliteNotificationSpecs : NotificationSpecs<SqliteTestDatabase>;

public sealed class PostgresNotificationSpecs : NotificationSpecs<PostgresTestDatabase>;
