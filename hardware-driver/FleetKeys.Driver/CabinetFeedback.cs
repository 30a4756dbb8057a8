using FleetKeys.Domain;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver;

/// <summary>What the person at the cabinet sees and hears: one place for every text, LED and tone the driver sends.</summary>
internal static class CabinetFeedback
{
    private const byte Reader = 0;

    /// <summary>Whether the command is for the reader's display, LED or buzzer (every LED the driver drives is the reader's).</summary>
    public static bool ShownByReader(Command command) => command is TextOutput or LedControl or BuzzerControl;

    public static Command Text(string text) =>
        new TextOutput(Reader, TextMode.TemporaryWrap, 10, 0, 0, text.Length > 32 ? text[..32] : text);

    private static Command Led(LedColor color) =>
        new LedControl(new[]
        {
            new LedRecord(Reader, 0, TemporaryLedControl.Set,
                new LedPattern(TimeSpan.FromSeconds(2), TimeSpan.Zero, color, LedColor.Black), TimeSpan.FromSeconds(2),
                PermanentLedControl.Nop, default),
        });

    public static Command[] Welcome(int remainingCapacity) =>
        [Led(LedColor.Green), Text(remainingCapacity > 0 ? "Welcome: choose a key" : "Limit reached: returns only")];

    public static Command[] EnterPin() => [Led(LedColor.Amber), Text("Enter PIN, then #")];

    public static Command[] PinChanged() => [Led(LedColor.Green), Text("PIN changed")];

    public static Command[] Refused(Rejection why) =>
    [
        Led(LedColor.Red),
        new BuzzerControl(Reader, BuzzerTone.Default, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100), 2),
        Text(Explain(why.Code)),
    ];

    /// <summary>OSDP output timers count whole 100 ms units; the slot relocks no later than the release window ends.</summary>
    public static OutputControl Unlock(int slot, TimeSpan open) => Unlock([(byte)slot], open);

    /// <summary>The outputs open for <paramref name="open"/>, in the wire's 100 ms units (at least one, at most the field's range).</summary>
    public static OutputControl Unlock(IEnumerable<byte> outputs, TimeSpan open)
    {
        var units = Math.Clamp((long)(open.TotalMilliseconds / 100), 1, ushort.MaxValue);
        return new OutputControl([.. outputs.Select(o => OutputAction.Unlock(o, TimeSpan.FromMilliseconds(units * 100)))]);
    }

    public static Command TakeKey(int slot) => Text($"Take the key from slot {slot}");

    /// <summary>The holder chose the key they hold: the person taking it over badges next.</summary>
    public static Command[] BadgeReceiver() => [Led(LedColor.Amber), Text("Hand over: receiver badge now")];

    public static Command[] HandedOver(int slot) => [Led(LedColor.Green), Text($"Key {slot} handed over")];

    public static Command WrongSlot(int home) => Text($"Wrong slot: use slot {home}");

    private static string Explain(RejectionCode code) => code switch
    {
        RejectionCode.UnknownBadge => "Badge not known",
        RejectionCode.NotActive => "Access revoked",
        RejectionCode.OutsideValidity => "Badge not valid now",
        RejectionCode.PinRequired or RejectionCode.WrongPin => "Wrong PIN",
        RejectionCode.PinLocked => "PIN locked: try later",
        RejectionCode.PinExpired => "PIN expired: change it",
        RejectionCode.NotEntitled => "Not allowed here",
        RejectionCode.OutsideSchedule => "Not allowed at this time",
        RejectionCode.LimitReached => "Return a key first",
        RejectionCode.SessionNotOpen => "Present your badge",
        RejectionCode.KeyNotPresent or RejectionCode.KeyNotAvailable => "Key not available",
        RejectionCode.Unavailable => "Try again",
        RejectionCode.ReturnFirst => "Return your key first",
        RejectionCode.AuthorisationRequired => "Second person: badge now",
        RejectionCode.Reserved => "Key is reserved",
        RejectionCode.Interlocked => "Key interlocked",
        RejectionCode.KeyFaulted => "Key faulty: ask operator",
        // The slot files the person's request before it refuses them, so the display can say it is on its way.
        RejectionCode.ApprovalRequired => "Request filed: await approval",
        RejectionCode.ReasonRequired => "Choose a reason first",
        RejectionCode.OdometerBackwards => "Odometer too low: ask operator",
        _ => "Refused",
    };
}
