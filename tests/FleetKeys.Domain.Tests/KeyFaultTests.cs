namespace FleetKeys.Domain.Tests;

/// <summary>Faults reported against a key: a critical one keeps the key in its slot until an operator clears it.</summary>
public class KeyFaultTests
{
    private static readonly FaultId F1 = new(new Guid(1, 4, 0, new byte[8]));
    private static readonly FaultId F2 = new(new Guid(2, 4, 0, new byte[8]));

    private static ReportFault Report(FaultSeverity severity, FaultId? id = null, string description = "fob cracked", DateTimeOffset? at = null) =>
        new(Slot1, id ?? F1, severity, description, Alice, "cabinet cab-1", at ?? T0.AddMinutes(5));

    private static ClearFault Clear(FaultId? id = null, string note = "fob replaced") => new(Slot1, id ?? F1, note, "ops", T0.AddHours(1));

    private static KeySlotState Faulted(FaultSeverity severity) => ASlot.InSlot().Run(Report(severity));

    [Fact]
    public void A_reported_fault_is_open_on_the_key_with_its_severity_reporter_and_time()
    {
        var reported = ASlot.InSlot().Decide(Report(FaultSeverity.Major)).OnlyEvent<FaultReported, KeySlotEvent>();
        Assert.Equal(new KeyId("van-12"), reported.Key);

        var fault = Assert.Single(KeySlotDetails.Of(ASlot.InSlot().Apply(reported)).OpenFaults);
        Assert.Equal((F1, FaultSeverity.Major, "fob cracked", Alice, T0.AddMinutes(5)),
            (fault.Id, fault.Severity, fault.Description, fault.ReportedBy, fault.ReportedAt));
    }

    [Fact]
    public void A_critical_fault_refuses_the_next_release_with_its_own_code()
    {
        var refused = Faulted(FaultSeverity.Critical).CheckFaulted();

        Assert.Equal(RejectionCode.KeyFaulted, refused!.Code);
        Assert.Contains("critical fault", refused.Message);
        Assert.Contains("fob cracked", refused.Message);
    }

    [Theory]
    [InlineData(FaultSeverity.Minor)]
    [InlineData(FaultSeverity.Major)]
    public void A_minor_or_major_fault_lets_the_key_be_released(FaultSeverity severity) =>
        Assert.Null(Faulted(severity).CheckFaulted());

    [Fact]
    public void Clearing_the_critical_fault_lets_the_next_release_through()
    {
        var faulted = Faulted(FaultSeverity.Critical);
        var cleared = faulted.Decide(Clear()).OnlyEvent<FaultCleared, KeySlotEvent>();
        Assert.Equal((FaultSeverity.Critical, "fob replaced", "ops"), (cleared.Severity, cleared.Note, cleared.By));

        var after = faulted.Apply(cleared);
        Assert.Null(after.CheckFaulted());
        Assert.Empty(after.OpenFaults);
    }

    [Fact]
    public void The_key_stays_blocked_while_any_critical_fault_is_open()
    {
        var twice = Faulted(FaultSeverity.Critical).Run(Report(FaultSeverity.Critical, F2, "brakes fail"));

        Assert.True(twice.Decide(Clear()).OnlyEvent<FaultCleared, KeySlotEvent>().StillFaulted);
        Assert.NotNull(twice.Run(Clear()).CheckFaulted());
        Assert.False(twice.Run(Clear()).Decide(Clear(F2)).OnlyEvent<FaultCleared, KeySlotEvent>().StillFaulted);
        Assert.Null(twice.Run(Clear()).Run(Clear(F2)).CheckFaulted());
    }

    [Fact]
    public void Clearing_a_fault_twice_is_refused_and_an_unknown_fault_is_not_found()
    {
        var cleared = Faulted(FaultSeverity.Critical).Run(Clear());

        var again = cleared.Decide(Clear()).Rejected(RejectionCode.Conflict);
        Assert.Contains("cleared already", again.Message);
        Faulted(FaultSeverity.Minor).Decide(Clear(F2)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void A_repeated_report_is_recorded_once_and_a_cleared_fault_stays_cleared()
    {
        Faulted(FaultSeverity.Critical).Decide(Report(FaultSeverity.Critical)).AcceptedWithoutEvents();
        Faulted(FaultSeverity.Critical).Run(Clear()).Decide(Report(FaultSeverity.Critical)).AcceptedWithoutEvents();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    public void A_fault_needs_a_plain_description(string description)
    {
        var refused = ASlot.InSlot().Decide(Report(FaultSeverity.Minor, description: description)).Rejected(RejectionCode.Invalid);
        Assert.Equal("description", refused.Field);
    }

    [Fact]
    public void A_description_or_a_note_longer_than_the_bound_is_refused_naming_its_field()
    {
        var tooLong = new string('x', KeyFault.MaxDescriptionLength + 1);
        Assert.Equal("description", ASlot.InSlot().Decide(Report(FaultSeverity.Minor, description: tooLong)).Rejected(RejectionCode.Invalid).Field);
        ASlot.InSlot().Decide(Report(FaultSeverity.Minor, description: tooLong[1..])).Accepted();
        Assert.Equal("note", Faulted(FaultSeverity.Minor).Decide(Clear(note: "")).Rejected(RejectionCode.Invalid).Field);
    }

    [Fact]
    public void A_severity_outside_the_three_is_refused_and_a_slot_without_a_key_has_nothing_to_fault()
    {
        Assert.Equal("severity", ASlot.InSlot().Decide(Report((FaultSeverity)7)).Rejected(RejectionCode.Invalid).Field);
        ASlot.Unassigned().Decide(Report(FaultSeverity.Minor)).Rejected(RejectionCode.KeyNotPresent);
    }

    [Fact]
    public void A_fault_may_be_reported_while_the_key_is_out_and_blocks_the_release_after_its_return()
    {
        var returned = ASlot.Out().Run(Report(FaultSeverity.Critical)).Run(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddMinutes(10)));

        Assert.Equal(CustodyStatus.InSlot, returned.Status);
        Assert.Equal(RejectionCode.KeyFaulted, returned.CheckFaulted()!.Code);
    }

    /// <summary>An emergency opening frees every lock without asking the slots: the key leaves as a forced removal and the fault stays open.</summary>
    [Fact]
    public void A_critical_fault_does_not_keep_the_key_in_an_emergency_opening()
    {
        var removed = Faulted(FaultSeverity.Critical).Run(new RecordTagRemoved(Slot1, Tag1, T0.AddMinutes(20)));

        Assert.Equal(CustodyStatus.Missing, removed.Status);
        Assert.Single(removed.OpenFaults);
    }

    [Fact]
    public void Another_key_homed_in_the_slot_ends_the_faults_of_the_one_before()
    {
        var other = new KeyDefinition(new KeyId("van-13"), "Van 13", Vans, Criticality.Normal, Tag2, CustodyPolicy.Unlimited);
        var faulted = Faulted(FaultSeverity.Critical).Run(Report(FaultSeverity.Critical, F2, "brakes fail"));

        var events = faulted.Decide(new AssignKey(Slot1, other, Berlin, T0.AddHours(2))).Accepted();
        var rehomed = events.Aggregate(faulted, (state, e) => state.Apply(e));

        Assert.Equal([(F1, true), (F2, false)], events.OfType<FaultCleared>().Select(c => (c.Fault, c.StillFaulted)));
        Assert.IsType<KeyAssigned>(events[^1]);
        Assert.Empty(rehomed.OpenFaults);
        Assert.Null(rehomed.CheckFaulted());
        faulted.Decide(new AssignKey(Slot1, ASlot.Key(), Berlin, T0.AddHours(2))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_key_removed_from_the_system_ends_its_faults_first()
    {
        var events = Faulted(FaultSeverity.Critical).Decide(new RemoveKey(Slot1, "admin", T0.AddHours(2))).Accepted();

        var ended = Assert.IsType<FaultCleared>(events[0]);
        Assert.Equal((F1, "the key was removed", "admin", false), (ended.Fault, ended.Note, ended.By, ended.StillFaulted));
        Assert.IsType<KeyRemoved>(events[^1]);
    }
}
