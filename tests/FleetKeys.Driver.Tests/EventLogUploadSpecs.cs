using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using CabinetEvent = FleetKeys.Protocol.Messages.CabinetEvent;

namespace FleetKeys.Driver.Tests;

/// <summary>A batch of a cabinet's event log recorded in the cluster: in order, and acknowledged only as far as it was persisted.</summary>
public sealed class EventLogUploadSpecs
{
    private const uint Epoch = 3;
    private static readonly CabinetId Cabinet = new("lobby");
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly SlotEventRecorded Recorded = new(Cabinet, 1, null);

    private static CabinetEvent Door(uint number) => new Protocol.Messages.DoorOpened(number, T0.AddSeconds(number));

    private static CabinetEvent Unknown(uint number) => new UnrecognisedEvent(number, T0.AddSeconds(number), 0x7F, ByteString.Empty);

    /// <summary>Answers every command of the batch with <paramref name="answers"/> in turn; the numbers of the entries recorded, in order.</summary>
    private static List<long> Run(EventLogUpload upload, params object[] answers)
    {
        var recorded = new List<long>();
        foreach (var answer in answers)
        {
            var command = Assert.IsAssignableFrom<IHardwareReport>(upload.Next());
            if (!upload.Answered(answer)) break;
            recorded.Add(command.Source!.Number);
        }

        return recorded;
    }

    [Fact]
    public void Entries_are_recorded_in_order_and_acknowledged_up_to_the_last()
    {
        var upload = new EventLogUpload(Cabinet, Epoch, [Door(7), Door(8), Door(9)]);

        Assert.Equal([7, 8, 9], Run(upload, Recorded, Recorded, Recorded));
        Assert.Null(upload.Next());
        Assert.Equal(new EventAck(Epoch, 9), upload.Acknowledgement);
    }

    [Fact]
    public void An_entry_the_cluster_could_not_persist_ends_the_batch_and_is_not_acknowledged()
    {
        var upload = new EventLogUpload(Cabinet, Epoch, [Door(7), Door(8), Door(9)]);

        Assert.Equal([7], Run(upload, Recorded, Rejection.Of(RejectionCode.Unavailable, "the journal is down")));

        Assert.Equal(new EventAck(Epoch, 7), upload.Acknowledgement);
    }

    [Fact]
    public void A_batch_whose_first_entry_could_not_be_persisted_acknowledges_nothing()
    {
        var upload = new EventLogUpload(Cabinet, Epoch, [Door(7), Door(8)]);

        Run(upload, Rejection.Of(RejectionCode.Unavailable, "the journal is down"));

        Assert.Null(upload.Acknowledgement);
    }

    [Fact]
    public void An_entry_the_cluster_refuses_is_acknowledged_so_the_log_moves_on()
    {
        var upload = new EventLogUpload(Cabinet, Epoch, [Door(7), Door(8)]);

        Assert.Equal([7, 8], Run(upload, Rejection.Of(RejectionCode.Invalid, "no such slot"), Recorded));
        Assert.Equal(new EventAck(Epoch, 8), upload.Acknowledgement);
    }

    [Fact]
    public void Entries_with_nothing_to_record_are_passed_over_and_acknowledged_with_the_rest()
    {
        var upload = new EventLogUpload(Cabinet, Epoch, [Unknown(7), Door(8), Unknown(9)]);

        Assert.Equal([8], Run(upload, Recorded));
        Assert.Null(upload.Next());
        Assert.Equal(new EventAck(Epoch, 9), upload.Acknowledgement);
    }

    [Fact]
    public void The_command_names_the_cabinet_and_the_entry_in_its_epoch_so_a_repeat_is_recognised()
    {
        var upload = new EventLogUpload(Cabinet, Epoch, [Door(7)]);

        var door = Assert.IsType<ReportDoor>(upload.Next());

        Assert.Equal(Cabinet, door.Cabinet);
        Assert.Equal(new HardwareEventRef(Epoch, 7), door.Source);
        Assert.Equal(7u, upload.Current);
    }

    [Fact]
    public void Power_and_battery_entries_are_recorded_as_the_cabinets_power_and_battery_reports()
    {
        var upload = new EventLogUpload(Cabinet, Epoch,
        [
            new Protocol.Messages.MainsPowerLost(7, T0), new BatteryChanged(8, T0.AddHours(2), Low: true, ChargePercent: 18),
            new Protocol.Messages.MainsPowerRestored(9, T0.AddHours(3)), new BatteryChanged(10, T0.AddHours(4), Low: false, ChargePercent: 40),
        ]);
        var reports = new List<object>();
        while (upload.Next() is { } report)
        {
            reports.Add(report);
            upload.Answered(Recorded);
        }

        Assert.Equal<object>(
        [
            new ReportMainsPower(Cabinet, false, T0, new HardwareEventRef(Epoch, 7)),
            new ReportBattery(Cabinet, true, 18, T0.AddHours(2), new HardwareEventRef(Epoch, 8)),
            new ReportMainsPower(Cabinet, true, T0.AddHours(3), new HardwareEventRef(Epoch, 9)),
            new ReportBattery(Cabinet, false, 40, T0.AddHours(4), new HardwareEventRef(Epoch, 10)),
        ], reports);
    }

    [Fact]
    public void A_fault_reported_after_a_return_is_recorded_as_the_cabinets_key_fault_report_with_its_severity()
    {
        var tag = ByteString.FromHex("04A1B2C3D4E5F6");
        var entry = new KeyFaultReported(7, T0, 3, tag, FaultLevel.Critical, "Brakes faulty");

        var report = Assert.IsType<ReportKeyFault>(new EventLogUpload(Cabinet, Epoch, [entry]).Next());
        var again = Assert.IsType<ReportKeyFault>(new EventLogUpload(Cabinet, Epoch, [entry]).Next());

        Assert.Equal(new ReportKeyFault(Cabinet, 3, new TagId("04A1B2C3D4E5F6"), FaultSeverity.Critical, "Brakes faulty", T0,
            new HardwareEventRef(Epoch, 7)), report);
        Assert.Equal(report.Fault, again.Fault); // the controller re-sending the entry reports the same fault
    }

    [Fact]
    public void A_reason_and_return_answers_are_recorded_as_the_cabinets_reports_with_a_question_not_asked_left_out()
    {
        var tag = ByteString.FromHex("04A1B2C3D4E5F6");
        var upload = new EventLogUpload(Cabinet, Epoch,
            [new TakeReasonChosen(8, T0, 3, tag, 2), new ReturnAnswered(9, T0.AddHours(3), 3, tag, 12730, 40, null)]);

        Assert.Equal(new ReportTakeReason(Cabinet, 3, new TagId("04A1B2C3D4E5F6"), 2, T0, new HardwareEventRef(Epoch, 8)), upload.Next());
        upload.Answered(new SlotEventRecorded(Cabinet, 3, null));
        var answers = Assert.IsType<ReportReturnAnswers>(upload.Next());
        Assert.Equal((new ReturnAnswers(12730, 40, null), new HardwareEventRef(Epoch, 9)), (answers.Answers, answers.Source));
    }
}
