namespace FleetKeys.Domain.People;

/// <summary>
/// How many wrong PINs within <c>Window</c> lock a person's credential, and for how long. The cabinet where the PIN is
/// typed brings its own policy, so a stricter cabinet is stricter for everyone who uses it.
/// </summary>
public sealed record PinLockoutPolicy(int Attempts, TimeSpan Window, TimeSpan LockFor) : IFleetKeysMessage
{
    /// <summary>The most attempts a policy may allow; the person keeps no more failures than this.</summary>
    public const int MaxAttempts = 20;

    public static readonly PinLockoutPolicy Default = new(5, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15));
}
