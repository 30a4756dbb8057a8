namespace FleetKeys.Simulator;

/// <summary>What became of a scripted person's input at the cabinet.</summary>
public enum InputOutcome
{
    /// <summary>Online: queued as live input, reported at the next poll; the cluster decides.</summary>
    Reported,

    /// <summary>Offline: the badge's allow-list entry requires a PIN; enter it next.</summary>
    AwaitingPin,

    /// <summary>The chosen key lists reasons: the display shows them, and the keypad digit (<c>ChooseReason</c>) completes the choice.</summary>
    AwaitingReason,

    /// <summary>Offline: released locally (the door for a badge, the slot for a selection) and logged.</summary>
    Granted,

    /// <summary>Offline: refused and logged (or, with a full event log, refused without a record).</summary>
    Denied,

    /// <summary>Offline: nothing to act on (a PIN without a badge, a selection without an admitted person).</summary>
    Ignored,
}
