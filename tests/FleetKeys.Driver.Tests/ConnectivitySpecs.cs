using Akka.Event;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver.Cabinets;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>What the cluster is told about who answers: each change once, and again until the cluster took it.</summary>
public sealed class ConnectivitySpecs
{
    private static readonly ControllerId Controller = ControllerId.Parse("ctl-1");
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly CabinetOnBus _bus = RecordingCluster.Bus(1, "cab-1");
    private readonly Connectivity _connectivity;

    public ConnectivitySpecs() => _connectivity = new Connectivity(Controller, [_bus], OfflineAfter, _clock, NoLogger.Instance);

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void The_first_answer_makes_the_controller_and_the_cabinet_online_once()
    {
        Assert.Equal<object>(
            [new ReportControllerCommunication(Controller, true, Now), new Connectivity.CabinetReport(1, new ReportConnectivity(_bus.Cabinet, true, Now))],
            _connectivity.Heard(_bus).ToList());
        Assert.Empty(_connectivity.Heard(_bus));
    }

    [Fact]
    public void A_packet_that_completed_no_exchange_says_only_that_the_controller_answers()
    {
        Assert.Equal<object>([new ReportControllerCommunication(Controller, true, Now)], _connectivity.Heard(null).ToList());
        Assert.Null(_bus.Liveness.Online);
    }

    [Fact]
    public void Silence_for_the_offline_timeout_makes_both_offline()
    {
        _connectivity.Heard(_bus).ToList();
        _bus.Liveness.Answered(true, accepted: true);

        _clock.Advance(OfflineAfter);
        Assert.Empty(_connectivity.Check());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal<object>(
            [new ReportControllerCommunication(Controller, false, Now), new Connectivity.CabinetReport(1, new ReportConnectivity(_bus.Cabinet, false, Now))],
            _connectivity.Check().ToList());
    }

    [Fact]
    public void A_report_the_cluster_did_not_take_is_made_again_at_the_next_check_until_it_does()
    {
        _connectivity.Heard(_bus).ToList();
        _bus.Liveness.Answered(true, accepted: false);

        Assert.Equal<object>([new Connectivity.CabinetReport(1, new ReportConnectivity(_bus.Cabinet, true, Now))], _connectivity.Check().ToList());
        _bus.Liveness.Answered(true, accepted: true);
        Assert.Empty(_connectivity.Check());
    }

    [Fact]
    public void Standing_down_reports_nothing_of_the_controller_and_the_time_let_go_does_not_count_against_it()
    {
        _connectivity.Heard(_bus).ToList();
        _connectivity.StandDown();
        _clock.Advance(OfflineAfter * 3);

        Assert.DoesNotContain(_connectivity.Check(), r => r is ReportControllerCommunication);
        _connectivity.Resume();
        _clock.Advance(OfflineAfter);
        Assert.DoesNotContain(_connectivity.Check(), r => r is ReportControllerCommunication);
    }

    [Fact]
    public void A_cabinet_never_heard_has_the_offline_timeout_from_the_first_link_so_a_slow_first_connection_makes_no_cabinet_offline()
    {
        _clock.Advance(OfflineAfter - TimeSpan.FromSeconds(1));
        _connectivity.LinkUp();
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(_connectivity.Check(), r => r is Connectivity.CabinetReport);

        // A later link changes nothing: only the first one starts the cabinets' count.
        _connectivity.LinkUp();
        _clock.Advance(OfflineAfter - TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(1));
        Assert.Contains(new Connectivity.CabinetReport(1, new ReportConnectivity(_bus.Cabinet, false, Now)), _connectivity.Check());
    }

    [Fact]
    public void The_cabinets_of_a_controller_never_connected_go_offline_the_offline_timeout_after_the_driver_started()
    {
        _clock.Advance(OfflineAfter + TimeSpan.FromMilliseconds(1));

        Assert.Contains(new Connectivity.CabinetReport(1, new ReportConnectivity(_bus.Cabinet, false, Now)), _connectivity.Check());
    }

    [Fact]
    public void A_controller_with_no_cabinet_is_never_reported_for_its_silence()
    {
        var empty = new Connectivity(Controller, [], OfflineAfter, _clock, NoLogger.Instance);
        _clock.Advance(OfflineAfter * 2);

        Assert.Empty(empty.Check());
    }
}
