using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>From the driver: the person taking the key with <c>Tag</c> chose reason number <c>Choice</c> on the keypad.</summary>
public sealed record ReportTakeReason(CabinetId Cabinet, int Slot, TagId Tag, int Choice, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IKeyReportAtCabinet
{
    public IAsk<KeySlotDetails> ForHome(SlotId home, PersonId? person, SiteId site) => new GiveTakeReason(home, Choice, At, site);
}

/// <summary>
/// From the driver: right after returning the key with <c>Tag</c> into <c>Slot</c> the person keyed in the answers to its return
/// questions; recorded as answered by that person, or by the cabinet when nobody's session was open (logged offline).
/// </summary>
public sealed record ReportReturnAnswers(CabinetId Cabinet, int Slot, TagId Tag, ReturnAnswers Answers, DateTimeOffset At, HardwareEventRef? Source = null)
    : CabinetCommand(Cabinet, At), IKeyReportAtCabinet
{
    public IAsk<KeySlotDetails> ForHome(SlotId home, PersonId? person, SiteId site) =>
        new AnswerReturnQuestions(home, Answers, person?.Value ?? $"cabinet {Cabinet}", At) { AtCabinet = true };
}
