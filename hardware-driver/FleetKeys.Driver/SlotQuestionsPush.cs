using FleetKeys.Domain.KeySlots;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver;

/// <summary>
/// Keeps the controller's per-slot lists (docs/protocol.md, set slot questions 0x0A) in step with the cabinet's keys: every
/// list after a handshake or resync, then only the slots whose lists changed, so the display asks what the key's policy says.
/// </summary>
internal static class SlotQuestionsPush
{
    public static void Send(CabinetOnBus bus, IReadOnlyDictionary<int, CustodyQuestions> questions, bool whole)
    {
        if (whole)
        {
            bus.QuestionsSent.Clear();
            bus.Enqueue(SetSlotQuestions.ForgetAll());
        }

        foreach (var slot in questions.Keys.Union(bus.QuestionsSent.Keys).Order().ToList())
        {
            var asked = questions.GetValueOrDefault(slot);
            if (Equals(asked, bus.QuestionsSent.GetValueOrDefault(slot))) continue;
            if (asked is null) bus.QuestionsSent.Remove(slot);
            else bus.QuestionsSent[slot] = asked;
            bus.Enqueue(Message(slot, asked));
        }
    }

    /// <summary>A slot whose key asks nothing is sent with neither list.</summary>
    public static SetSlotQuestions Message(int slot, CustodyQuestions? questions) => questions is null
        ? new SetSlotQuestions((byte)slot, ReturnQuestions.None, [])
        : new SetSlotQuestions((byte)slot,
            (questions.Odometer ? ReturnQuestions.Odometer : 0) | (questions.Fuel ? ReturnQuestions.Fuel : 0) | (questions.Damage ? ReturnQuestions.Damage : 0),
            [.. questions.Reasons]);
}
