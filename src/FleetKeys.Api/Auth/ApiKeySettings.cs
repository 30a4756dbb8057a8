namespace FleetKeys.Api.Auth;

/// <summary>
/// API keys are random secrets; only their SHA-256 is configured (section "FleetKeys:Api"), so a leaked configuration
/// file does not leak a usable key. A fast hash is enough for high-entropy keys, unlike PINs.
/// </summary>
public sealed class ApiKeySettings
{
    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>A plain admin key given at start (environment FleetKeys__Api__BootstrapAdminKey) to create the first keys.</summary>
    public string? BootstrapAdminKey { get; set; }
}

public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = Roles.Auditor;

    /// <summary>Lower-case hex SHA-256 of the key, as printed by <c>FleetKeys.Node new-api-key</c>.</summary>
    public string Sha256 { get; set; } = "";

    public override string ToString() => $"{Name} ({Role})";
}
