namespace FleetKeys.Protocol.Messages;

/// <summary>Sizes shared by encoders and decoders of the FleetKeys messages.</summary>
internal static class FieldLimits
{
    /// <summary>RFID UIDs are 4-10 bytes; room to spare.</summary>
    public const int MaxTagLength = 32;

    /// <summary>Card data as read (see <see cref="CardRead"/>).</summary>
    public const int MaxBadgeLength = 32;

    /// <summary>The cluster's id rule allows at most 64 characters.</summary>
    public const int MaxPersonIdLength = 64;

    /// <summary>A line of the cabinet's list of faults, as its display shows it.</summary>
    public const int MaxFaultDescriptionLength = 64;

    /// <summary>One keypad digit picks a reason: 1 to 9.</summary>
    public const int MaxReasons = 9;

    /// <summary>The cluster allows 20 characters a reason; four UTF-8 bytes each at most.</summary>
    public const int MaxReasonLength = 80;
}
