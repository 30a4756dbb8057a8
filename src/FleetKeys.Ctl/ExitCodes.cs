namespace FleetKeys.Ctl;

/// <summary>What a script can tell apart: done, refused or failed, mistyped, or never reached the node.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;

    /// <summary>Says what went wrong, the one way fleetctl says it, and gives the code to exit with.</summary>
    public static int Report(this TextWriter error, int code, string message)
    {
        error.WriteLine($"fleetctl: {message}");
        return code;
    }
}
