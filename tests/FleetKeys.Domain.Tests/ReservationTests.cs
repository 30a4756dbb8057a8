namespace FleetKeys.Domain.Tests;

/// <summary>Booking a key: nobody else takes it from the lead time before the booking to its end; the booker is told if it is out.</summary>
public class ReservationTests
{
    private static readonly ReservationId R1 = new(new Guid(1, 2, 0, new byte[8]));
    private static readonly ReservationId R2 = new(new Guid(2, 2, 0, new byte[8]));
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(30);
    private static readonly DateTimeOffset From = T0.AddHours(2);
    private static readonly DateTimeOffset Until = T0.AddHours(4);

    private static ReserveKey Book(ReservationId? id = null, PersonId? person = null, DateTimeOffset? from = null, DateTimeOffset? until = null,
        TimeSpan? lead = null) =>
        new(Slot1, id ?? R1, person ?? Bob, from ?? From, until ?? Until, lead ?? Lead, T0);

    private static KeySlotState Booked() => ASlot.InSlot().Run(Book());

    [Fact]
    public void Within_the_lead_time_and_the_booking_only_the_booker_may_take_the_key()
    {
        var slot = Booked();
        Assert.Null(slot.CheckReserved(Alice, From - Lead - TimeSpan.FromSeconds(1)));
        var refused = slot.CheckReserved(Alice, From - Lead);
        Assert.Equal(RejectionCode.Reserved, refused!.Code);
        Assert.Contains("reserved", refused.Message);
        Assert.NotNull(slot.CheckReserved(Alice, Until.AddSeconds(-1)));
        Assert.Null(slot.CheckReserved(Alice, Until));
        Assert.Null(slot.CheckReserved(Bob, From - Lead));
        Assert.Null(slot.CheckReserved(Bob, From.AddMinutes(5)));
    }

    [Fact]
    public void A_cancelled_reservation_no_longer_holds_the_key()
    {
        var cancelled = Booked().Decide(new CancelReservation(Slot1, R1, "ops", T0.AddMinutes(1))).OnlyEvent<ReservationCancelled, KeySlotEvent>();
        Assert.Null(Booked().Apply(cancelled).CheckReserved(Alice, From));
        Booked().Decide(new CancelReservation(Slot1, R2, "ops", T0)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void Overlapping_bookings_conflict_and_a_repeat_is_recorded_once()
    {
        var slot = Booked();
        slot.Decide(Book()).AcceptedWithoutEvents();
        slot.Decide(Book(R2, Carol, Until.AddMinutes(10), Until.AddHours(1))).Rejected(RejectionCode.Conflict); // its lead time overlaps
        slot.Decide(Book(R2, Carol, Until.AddMinutes(30), Until.AddHours(1))).Accepted();
        slot.Decide(Book(R1, Carol)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void Invalid_bookings_are_refused()
    {
        ASlot.Unassigned().Decide(Book()).Rejected(RejectionCode.KeyNotPresent);
        ASlot.InSlot().Decide(Book(until: From)).Rejected(RejectionCode.Invalid);
        ASlot.InSlot().Decide(Book(from: T0.AddHours(-2), until: T0.AddHours(-1))).Rejected(RejectionCode.Invalid);
        ASlot.InSlot().Decide(Book(until: From + Reservation.MaxLength + TimeSpan.FromSeconds(1))).Rejected(RejectionCode.Invalid);
        ASlot.InSlot().Decide(Book(lead: TimeSpan.FromMinutes(-1))).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void When_a_reservation_starts_with_the_key_out_the_booker_is_told_once()
    {
        var slot = ASlot.Out().Run(Book());
        Assert.Equal(From, slot.NextReservationStart);
        slot.Decide(new NoticeReservationStart(Slot1, From.AddSeconds(-1))).AcceptedWithoutEvents();

        var started = slot.Decide(new NoticeReservationStart(Slot1, From)).OnlyEvent<ReservationStarted, KeySlotEvent>();
        Assert.Equal(new ReservationStarted(Slot1, R1, Bob, false, Alice, From), started);
        Assert.Equal(Alarms.AlarmKind.ReservedKeyUnavailable, Alarms.AlarmSources.Raises(started));

        var after = slot.Apply(started);
        Assert.Null(after.NextReservationStart);
        after.Decide(new NoticeReservationStart(Slot1, From.AddMinutes(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_reservation_starting_with_the_key_in_its_slot_or_with_the_booker_raises_nothing()
    {
        var inSlot = Booked().Decide(new NoticeReservationStart(Slot1, From)).OnlyEvent<ReservationStarted, KeySlotEvent>();
        Assert.True(inSlot.KeyAvailable);
        Assert.Null(Alarms.AlarmSources.Raises(inSlot));

        var takenEarlyByBooker = ASlot.InSlot().Run(Book(person: Alice)).Run(ASlot.Release(G1, Alice, T0))
            .Run(new RecordTagRemoved(Slot1, Tag1, T0.AddSeconds(5)));
        Assert.True(takenEarlyByBooker.Decide(new NoticeReservationStart(Slot1, From)).OnlyEvent<ReservationStarted, KeySlotEvent>().KeyAvailable);
    }

    [Fact]
    public void Finished_reservations_are_dropped()
    {
        var slot = Booked().Run(new NoticeReservationStart(Slot1, From))
            .Run(Book(R2, Carol, Until.AddHours(2), Until.AddHours(3)) with { At = Until.AddMinutes(1) });
        Assert.Equal([R2], slot.Reservations.Select(r => r.Id));
    }
}
