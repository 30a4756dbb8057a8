using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Kind 0x05: cut off from the cluster, the controller let a badge in by its cached allow-list.
/// Slot 0 = the door only (e.g. to return a key), N = slot N was released.
/// </summary>
public sealed record OfflineAccessGranted(uint Number, DateTimeOffset Time, ByteString Badge, string PersonId, byte Slot)
    : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x05;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
        writer.Bytes8(Badge, 1, FieldLimits.MaxBadgeLength, "badge");
        writer.Text8(PersonId, 1, FieldLimits.MaxPersonIdLength, "person id");
        WriteSlot(ref writer, Slot, doorAllowed: true);
    }

    internal static OfflineAccessGranted Read(uint number, DateTimeOffset time, ref PayloadReader reader) =>
        new(number, time, reader.Bytes8(1, FieldLimits.MaxBadgeLength), reader.Text8(1, FieldLimits.MaxPersonIdLength),
            ReadSlot(ref reader, doorAllowed: true));
}

/// <summary>
/// Kind 0x06: cut off from the cluster, the controller refused a badge. Person id is empty when
/// the badge is not in the allow-list; slot 0 = refused at the door.
/// </summary>
public sealed record OfflineAccessDenied(
    uint Number,
    DateTimeOffset Time,
    ByteString Badge,
    string PersonId,
    byte Slot,
    DenialReason Reason) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x06;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
        writer.Bytes8(Badge, 1, FieldLimits.MaxBadgeLength, "badge");
        writer.Text8(PersonId, 0, FieldLimits.MaxPersonIdLength, "person id");
        WriteSlot(ref writer, Slot, doorAllowed: true);
        writer.U8((byte)Reason);
    }

    internal static OfflineAccessDenied Read(uint number, DateTimeOffset time, ref PayloadReader reader) =>
        new(number, time, reader.Bytes8(1, FieldLimits.MaxBadgeLength), reader.Text8(0, FieldLimits.MaxPersonIdLength),
            ReadSlot(ref reader, doorAllowed: true), reader.Enum<DenialReason>());
}

public enum DenialReason : byte
{
    /// <summary>Not in the allow-list (never pushed, removed, or purged).</summary>
    UnknownBadge = 1,

    /// <summary>Before its valid-from or after its valid-until.</summary>
    OutsideValidity = 2,

    SlotNotAllowed = 3,
    WrongPin = 4,

    /// <summary>The cabinet's offline policy is <see cref="OfflinePolicy.DenyAll"/>.</summary>
    PolicyDenyAll = 5,
}
