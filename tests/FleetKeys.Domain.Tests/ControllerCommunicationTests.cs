using FleetKeys.Domain.Controllers;

namespace FleetKeys.Domain.Tests;

public class ControllerCommunicationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(4);

    private static ControllerState Registered() =>
        ControllerState.Empty(Ctl1).Run(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0));

    private static ControllerState LostAt(DateTimeOffset at) => Registered().Run(new ReportControllerCommunication(Ctl1, false, at));

    [Fact]
    public void A_controller_that_stops_answering_records_when_communication_was_lost_once()
    {
        var lost = Registered().Decide(new ReportControllerCommunication(Ctl1, false, T0.AddMinutes(5)))
            .OnlyEvent<ControllerCommunicationLost, ControllerEvent>();

        Assert.Equal(new ControllerCommunicationLost(Ctl1, T0.AddMinutes(5)), lost);
        LostAt(T0.AddMinutes(5)).Decide(new ReportControllerCommunication(Ctl1, false, T0.AddMinutes(9))).AcceptedWithoutEvents();
    }

    [Fact]
    public void Communication_restored_records_how_long_the_outage_lasted()
    {
        var restored = LostAt(T0.AddMinutes(5)).Decide(new ReportControllerCommunication(Ctl1, true, T0.AddMinutes(47)))
            .OnlyEvent<ControllerCommunicationRestored, ControllerEvent>();

        Assert.Equal(new ControllerCommunicationRestored(Ctl1, T0.AddMinutes(5), TimeSpan.FromMinutes(42), T0.AddMinutes(47)), restored);
        Assert.Null(LostAt(T0.AddMinutes(5)).Apply(restored).CommunicationLostSince);
    }

    [Fact]
    public void A_controller_answering_with_no_outage_behind_it_records_nothing()
    {
        Registered().Decide(new ReportControllerCommunication(Ctl1, true, T0)).AcceptedWithoutEvents();
    }

    [Fact]
    public void Only_a_registered_controller_records_its_communication()
    {
        ControllerState.Empty(Ctl1).Decide(new ReportControllerCommunication(Ctl1, false, T0)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void An_outage_longer_than_the_limit_raises_offline_too_long_once_and_not_before()
    {
        var lost = LostAt(T0);

        Assert.Equal(T0 + Limit, lost.OfflineTooLongDueAt(Limit));
        lost.Decide(new NoticeControllerOfflineTooLong(Ctl1, Limit, T0 + Limit - TimeSpan.FromSeconds(1))).AcceptedWithoutEvents();
        var tooLong = lost.Decide(new NoticeControllerOfflineTooLong(Ctl1, Limit, T0 + Limit))
            .OnlyEvent<ControllerOfflineTooLong, ControllerEvent>();
        Assert.Equal(new ControllerOfflineTooLong(Ctl1, T0, Limit, T0 + Limit), tooLong);

        var raised = lost.Apply(tooLong);
        Assert.Null(raised.OfflineTooLongDueAt(Limit));
        raised.Decide(new NoticeControllerOfflineTooLong(Ctl1, Limit, T0 + Limit * 2)).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_controller_that_answers_is_never_offline_too_long_and_a_new_outage_may_raise_it_again()
    {
        Registered().Decide(new NoticeControllerOfflineTooLong(Ctl1, Limit, T0 + Limit * 3)).AcceptedWithoutEvents();

        var again = LostAt(T0).Run(new NoticeControllerOfflineTooLong(Ctl1, Limit, T0 + Limit))
            .Run(new ReportControllerCommunication(Ctl1, true, T0 + Limit * 2))
            .Run(new ReportControllerCommunication(Ctl1, false, T0 + Limit * 3));

        Assert.Equal(T0 + Limit * 4, again.OfflineTooLongDueAt(Limit));
    }
}
