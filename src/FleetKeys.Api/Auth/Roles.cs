namespace FleetKeys.Api.Auth;

/// <summary>Auditors read everything and change nothing; operators also run commands; admins also configure.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Auditor = "auditor";

    public static readonly string[] All = [Admin, Operator, Auditor];
}

public static class Policies
{
    public const string Read = "read";
    public const string Operate = "operate";
    public const string Configure = "configure";
}
