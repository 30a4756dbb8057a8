using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Audit;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Audit;

public sealed class AuditAnchoringSpecs : IAsyncLifetime
{
    private readonly AuditLogOnDisk _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly AuditKeys _keys = new(RandomNumberGenerator.GetBytes(32), 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetkeys-anchor").FullName;

    public Task InitializeAsync() => _log.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<AuditCheckpoint> Signed(AuditSettings settings)
    {
        await _log.Grow(3);
        return (await new AuditCheckpointer(_log.Database, _keys, settings, _clock, new AuditAnchors(settings)).SignIfDue())!;
    }

    private AuditAnchoring Anchoring(AuditSettings settings) => new(_log.Database, new AuditAnchors(settings), settings, _clock);

    [Fact]
    public async Task Every_checkpoint_is_appended_to_the_anchor_file_and_sent_to_syslog_over_udp_as_rfc_5424()
    {
        using var collector = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var settings = new AuditSettings
        {
            AnchorFile = Path.Combine(_folder, "anchor.jsonl"),
            Syslog = new SyslogAnchorSettings { Port = ((IPEndPoint)collector.Client.LocalEndPoint!).Port, Transport = SyslogTransport.Udp },
        };
        var checkpoint = await Signed(settings);

        var seen = await Anchoring(settings).AnchorPending();
        var received = Encoding.UTF8.GetString((await collector.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10))).Buffer);
        var again = await Anchoring(settings).AnchorPending();

        Assert.Equal(0, seen.Waiting);
        Assert.Equal([checkpoint], new FileAnchor(settings.AnchorFile).Read());
        Assert.Matches($@"^<109>1 \S+Z \S+ fleetkeys - audit-checkpoint \[checkpoint@32473 number=""1"" seq=""3"" head=""{checkpoint.Head}"" ", received);
        Assert.Contains($"signature=\"{checkpoint.Signature}\"", received);
        Assert.Equal(0, again.Waiting);
        Assert.Single(new FileAnchor(settings.AnchorFile).Read());
    }

    [Fact]
    public async Task Syslog_over_tcp_sends_octet_counted_frames()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var settings = new AuditSettings
        {
            Syslog = new SyslogAnchorSettings { Port = ((IPEndPoint)listener.LocalEndpoint).Port, Transport = SyslogTransport.Tcp },
        };
        var checkpoint = await Signed(settings);

        var accepting = listener.AcceptTcpClientAsync();
        var seen = await Anchoring(settings).AnchorPending();
        using var connection = await accepting.WaitAsync(TimeSpan.FromSeconds(10));
        var frame = await new StreamReader(connection.GetStream()).ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        listener.Stop();

        var space = frame.IndexOf(' ');
        Assert.Equal(0, seen.Waiting);
        Assert.Equal(int.Parse(frame[..space]), Encoding.UTF8.GetByteCount(frame[(space + 1)..]));
        Assert.Contains($"head=\"{checkpoint.Head}\"", frame);
    }

    [Fact]
    public async Task A_failing_anchor_is_retried_each_pass_lapses_after_the_threshold_and_catches_up_when_it_works_again()
    {
        var settings = new AuditSettings { AnchorFile = Path.Combine(_folder, "not-mounted", "anchor.jsonl"), AnchorAlarmAfter = TimeSpan.FromMinutes(15) };
        var checkpoint = await Signed(settings);

        var failing = await Anchoring(settings).AnchorPending();
        _clock.Advance(TimeSpan.FromMinutes(16));
        var lapsed = await Anchoring(settings).AnchorPending();
        Directory.CreateDirectory(Path.Combine(_folder, "not-mounted"));
        var caughtUp = await Anchoring(settings).AnchorPending();

        Assert.Equal((1L, 0), (failing.Waiting, failing.Lapsed.Count));
        Assert.NotNull(failing.Error);
        Assert.Equal(["file"], lapsed.Lapsed);
        Assert.Equal(checkpoint.SignedAt, lapsed.Since);
        Assert.Equal((0L, 0), (caughtUp.Waiting, caughtUp.Lapsed.Count));
        Assert.Equal([checkpoint], new FileAnchor(settings.AnchorFile).Read());
    }

    [Fact]
    public void The_anchoring_alarm_is_raised_once_when_anchoring_lapses_and_cleared_once_when_nothing_waits()
    {
        var at = _clock.GetUtcNow();
        var lapse = new AnchoringObserved(["file"], 2, at.AddMinutes(-20), "file: not found", at);
        var stillBehind = new AnchoringObserved([], 1, null, "file: not found", at);
        var caughtUp = new AnchoringObserved([], 0, null, null, at);

        var raised = AuditAnchoringState.Initial.Decide(lapse);
        var lapsedState = AuditAnchoringState.Initial.Apply(raised.Single());

        Assert.IsType<AuditAnchoringLapsed>(Assert.Single(raised));
        Assert.Empty(lapsedState.Decide(lapse));
        Assert.Empty(lapsedState.Decide(stillBehind));
        Assert.IsType<AuditAnchoringCaughtUp>(Assert.Single(lapsedState.Decide(caughtUp)));
        Assert.Empty(AuditAnchoringState.Initial.Decide(caughtUp));
        Assert.Equal(AlarmKind.AuditAnchoringLapsed, AlarmSources.Raises(raised.Single()));
    }

    [Fact]
    public async Task A_database_that_lost_its_checkpoints_goes_on_numbering_from_the_anchor_file_instead_of_signing_afresh()
    {
        var settings = new AuditSettings { AnchorFile = Path.Combine(_folder, "anchor.jsonl") };
        await Signed(settings);
        await Anchoring(settings).AnchorPending();
        await using (var db = _log.Database.Open()) await db.GetTable<Projections.Rows.AuditCheckpointRow>().DeleteAsync();
        var checkpointer = new AuditCheckpointer(_log.Database, _keys, settings, _clock, new AuditAnchors(settings));

        var atOnce = await checkpointer.SignIfDue();
        await _log.Grow(1);
        _clock.Advance(settings.CheckpointInterval);
        var next = await checkpointer.SignIfDue();

        Assert.Null(atOnce);
        Assert.Equal((2L, 4L), (next!.Number, next.Seq));
    }
}
