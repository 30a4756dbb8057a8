namespace FleetKeys.Ctl.Tests.Support;

/// <summary>One API key per role, configured on every test node.</summary>
public static class Keys
{
    public const string Admin = "fk_ctl_test_admin";
    public const string Operator = "fk_ctl_test_operator";
    public const string Auditor = "fk_ctl_test_auditor";

    /// <summary>Keys that hold only what they are granted at runtime ("vans-desk", "new-desk").</summary>
    public const string VansDesk = "fk_ctl_test_vans_desk", NewDesk = "fk_ctl_test_new_desk";

    /// <summary>The hardware master secret of every test node; simulated controllers derive their secrets from it too.</summary>
    public static readonly byte[] MasterSecret = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];
}
