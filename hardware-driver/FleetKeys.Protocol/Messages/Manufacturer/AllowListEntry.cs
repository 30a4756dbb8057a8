using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// One badge the controller may admit while cut off from the cluster. Key groups are flattened by
/// the cluster into <see cref="Slots"/> of this cabinet, so the controller needs no group table.
/// A null <see cref="Pin"/> means the badge alone suffices; null validity bounds are open.
/// </summary>
public sealed record AllowListEntry(
    ByteString Badge,
    string PersonId,
    PinVerifier? Pin,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    SlotSet Slots)
{
    /// <summary>badge (2) + person (2) + PIN algorithm (1) + validity (16) + slot map length (1).</summary>
    internal const int MinLength = 22;

    internal void Write(ref PayloadWriter writer)
    {
        writer.Bytes8(Badge, 1, FieldLimits.MaxBadgeLength, "badge");
        writer.Text8(PersonId, 1, FieldLimits.MaxPersonIdLength, "person id");
        PinVerifier.Write(ref writer, Pin);
        writer.OptionalTime(ValidFrom);
        writer.OptionalTime(ValidUntil);
        writer.Bytes8(Slots.ToMap(), 0, SlotSet.MapLength, "slot map");
    }

    internal static AllowListEntry Read(ref PayloadReader reader)
    {
        var (badge, person, pin, from, until) = (reader.Bytes8(1, FieldLimits.MaxBadgeLength),
            reader.Text8(1, FieldLimits.MaxPersonIdLength), PinVerifier.Read(ref reader), reader.OptionalTime(),
            reader.OptionalTime());
        var slots = SlotSet.FromMap(reader.Take(reader.U8()));
        reader.Require(slots is not null);
        return new AllowListEntry(badge, person, pin, from, until, slots ?? SlotSet.Empty);
    }
}
