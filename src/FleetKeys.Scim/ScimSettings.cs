using FleetKeys.Scim.Protocol;

namespace FleetKeys.Scim;

/// <summary>
/// The SCIM 2.0 service provider, section "FleetKeys:Scim". Identity providers authenticate with their own bearer
/// tokens, never with API keys: a token only provisions people, and revoking one does not touch operators' access.
/// </summary>
public sealed class ScimSettings
{
    /// <summary>No token configured = every SCIM request is refused.</summary>
    public List<ScimTokenEntry> Tokens { get; set; } = [];

    /// <summary>
    /// The user attribute whose value is the person's badge number: a SCIM attribute path such as the default, the
    /// enterprise extension's employeeNumber, or a custom extension's (<c>urn:example:params:scim:schemas:extension:fleetkeys:2.0:User:badge</c>).
    /// Empty = SCIM sets no badges.
    /// </summary>
    public string? BadgeAttribute { get; set; } = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber";

    /// <summary>How many keys a person provisioned through SCIM may hold at once.</summary>
    public int MaxKeys { get; set; } = 1;

    /// <summary>
    /// Whether deleting a user also erases their person (issue #23). Off by default: a delete terminates the person, and
    /// revocation must not destroy evidence an investigation may need; erase on request instead (POST /people/{id}/erase).
    /// </summary>
    public bool EraseOnDelete { get; set; }

    public AttributePath? BadgePath => string.IsNullOrWhiteSpace(BadgeAttribute) ? null : AttributePath.Parse(BadgeAttribute);

    /// <summary>Fails the node's start on a setting that would otherwise fail every request.</summary>
    public void Validate()
    {
        foreach (var token in Tokens.Where(t => t.Sha256.Length != 64 || !t.Sha256.All(char.IsAsciiHexDigit)))
            throw new InvalidOperationException($"SCIM token '{token.Name}': Sha256 must be the token's SHA-256, 64 hex digits");
        if (MaxKeys is < 0 or > 100) throw new InvalidOperationException("FleetKeys:Scim:MaxKeys must be between 0 and 100");
        try
        {
            _ = BadgePath;
        }
        catch (ScimException e)
        {
            throw new InvalidOperationException($"FleetKeys:Scim:BadgeAttribute: {e.Message}");
        }
    }
}

public sealed class ScimTokenEntry
{
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token; the token itself is never configured.</summary>
    public string Sha256 { get; set; } = "";

    public override string ToString() => Name;
}
