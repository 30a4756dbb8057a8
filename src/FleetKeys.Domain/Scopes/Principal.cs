namespace FleetKeys.Domain.Scopes;

/// <summary>Who holds grants: an API key (by its configured name) or an identity-provider group (console users).</summary>
public enum PrincipalKind
{
    ApiKey,
    Group,
}

public sealed record Principal(PrincipalKind Kind, string Name)
{
    public const int MaxNameLength = 200;

    public static Principal ApiKey(string name) => new(PrincipalKind.ApiKey, name);

    public static Principal Group(string name) => new(PrincipalKind.Group, name);

    public override string ToString() => $"{(Kind == PrincipalKind.ApiKey ? "API key" : "group")} '{Name}'";
}
