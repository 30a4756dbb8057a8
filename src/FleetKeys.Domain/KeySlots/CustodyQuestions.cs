using System.Collections.Immutable;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Text;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// What the cabinet asks about a key's custody: a reason for taking it, chosen from <c>Reasons</c> by its number on the
/// keypad, and on its return the vehicle's odometer (km), its fuel level (%) and whether it was damaged.
/// Compared by content, so a key assigned again with the same lists is no change.
/// </summary>
public sealed record CustodyQuestions(ImmutableList<string> Reasons, bool Odometer = false, bool Fuel = false, bool Damage = false)
    : IFleetKeysMessage
{
    /// <summary>One keypad digit picks a reason, 1 to 9.</summary>
    public const int MaxReasons = 9;

    /// <summary>A reason fits one line of the cabinet's display after its digit.</summary>
    public const int MaxReasonLength = 20;

    /// <summary>An odometer with more digits than a vehicle's is a typing error.</summary>
    public const int MaxOdometerKm = 9_999_999;

    public static readonly CustodyQuestions None = new([]);

    public bool AsksOnReturn => Odometer || Fuel || Damage;

    /// <summary>Why the lists cannot be configured, or null when they can.</summary>
    public Rejection? Check()
    {
        if (Reasons.Count > MaxReasons) return Rejection.Of(RejectionCode.Invalid, $"a key has at most {MaxReasons} reasons").About("reasons");
        foreach (var reason in Reasons)
        {
            var problem = string.IsNullOrWhiteSpace(reason) ? "must not be empty"
                : reason.Length > MaxReasonLength ? $"must be at most {MaxReasonLength} characters"
                : PlainText.Problem(reason);
            if (problem is not null) return Rejection.Of(RejectionCode.Invalid, $"reason '{reason}' {problem}").About("reasons");
        }

        return Reasons.Distinct(StringComparer.OrdinalIgnoreCase).Count() == Reasons.Count
            ? null
            : Rejection.Of(RejectionCode.Invalid, "the reasons must differ from each other").About("reasons");
    }

    /// <summary>Why the answers do not answer exactly what is asked, within bounds, or null when they do.</summary>
    public Rejection? CheckAnswers(ReturnAnswers answers) =>
        Missing(Odometer, answers.OdometerKm is not null, "odometerKm")
        ?? Missing(Fuel, answers.FuelPercent is not null, "fuelPercent")
        ?? Missing(Damage, answers.Damaged is not null, "damaged")
        ?? (answers.OdometerKm is < 0 or > MaxOdometerKm
            ? Rejection.Of(RejectionCode.Invalid, $"the odometer reading must be 0 to {MaxOdometerKm} km").About("odometerKm")
            : null)
        ?? (answers.FuelPercent is < 0 or > 100
            ? Rejection.Of(RejectionCode.Invalid, "the fuel level must be 0 to 100 %").About("fuelPercent")
            : null);

    private static Rejection? Missing(bool asked, bool answered, string field) => (asked, answered) switch
    {
        (true, false) => Rejection.Of(RejectionCode.Invalid, $"the key asks for {field} on return").About(field),
        (false, true) => Rejection.Of(RejectionCode.Invalid, $"the key does not ask for {field}").About(field),
        _ => null,
    };

    public bool Equals(CustodyQuestions? other) =>
        other is not null && Reasons.SequenceEqual(other.Reasons) && Odometer == other.Odometer && Fuel == other.Fuel && Damage == other.Damage;

    public override int GetHashCode() => HashCode.Combine(Reasons.Count, Odometer, Fuel, Damage);
}

/// <summary>What the person said on returning the key; a question the key does not ask is null.</summary>
public sealed record ReturnAnswers(int? OdometerKm, int? FuelPercent, bool? Damaged) : IFleetKeysMessage;

/// <summary>The person taking the key chose reason number <c>Choice</c> (1-based, the keypad digit) of the key's list.</summary>
public sealed record GiveTakeReason(SlotId Slot, int Choice, DateTimeOffset At, SiteId? Site = null) : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>;

/// <summary>
/// The answers to the key's return questions: given at the cabinet right after the return, or recorded by an operator for a
/// return made without them; <c>By</c> names who for people.
/// </summary>
public sealed record AnswerReturnQuestions(SlotId Slot, ReturnAnswers Answers, string By, DateTimeOffset At)
    : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>
{
    /// <summary>Keyed in at the cabinet: nobody there reads an API's refusal, so a refused reading is recorded for the control room.</summary>
    public bool AtCabinet { get; init; }
}

/// <summary>
/// Why the key is being taken, by whom it is released to; the text as it was on the list then. <c>Site</c>: the site of the
/// cabinet it was given at (null in facts recorded before it was kept).
/// </summary>
public sealed record TakeReasonGiven(SlotId Slot, KeyId Key, PersonId Holder, int Choice, [property: Personal("Holder", Period = "At")] string Reason, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null)
    : KeySlotEvent(Slot, At);

/// <summary>
/// Answers keyed in at the cabinet were refused (<c>Why</c>: an odometer lower than the key's last): the person was told there,
/// the control room is alarmed until the right answers are recorded; the answers stay awaited.
/// </summary>
public sealed record ReturnAnswersRefused(SlotId Slot, KeyId Key, PersonId? Holder, ReturnAnswers Answers, string By, string Why, DateTimeOffset At)
    : KeySlotEvent(Slot, At);

/// <summary>The answers to the return questions of the custody that ended last, whose holder was <c>Holder</c>.</summary>
public sealed record ReturnQuestionsAnswered(SlotId Slot, KeyId Key, PersonId? Holder, ReturnAnswers Answers, string By, DateTimeOffset At)
    : KeySlotEvent(Slot, At);
