namespace FleetKeys.Console;

/// <summary>The console's settings, section "FleetKeys:Console".</summary>
public sealed class ConsoleSettings
{
    /// <summary>A session ends after this long without a request; each request moves the end on (sliding expiry).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Signing in with an API key (its role applies): the embedded default, for a node without an identity provider.</summary>
    public bool ApiKeySignIn { get; set; } = true;

    public OidcSettings Oidc { get; set; } = new();
}

/// <summary>
/// Sign-in through an OpenID Connect provider (Entra ID, Okta, ...). The FleetKeys role comes from a claim that lists the
/// user's groups or roles (<see cref="RoleClaim"/>), mapped by <see cref="Roles"/>; a user in no mapped group is refused.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; none = no OpenID Connect sign-in.</summary>
    public string? Authority { get; set; }

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says.</summary>
    public string DisplayName { get; set; } = "your organisation's account";

    /// <summary>Scopes beyond "openid" and "profile" (Okta: "groups").</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim with the user's groups or roles: "groups" (Entra ID group ids, Okta group names) or "roles" (app roles).</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>The claim shown as the user's name and recorded with every command they give.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>Group or role value → FleetKeys role (admin, operator, auditor); the highest of a user's roles applies.</summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    /// <summary>Off only for a provider on loopback (tests); a production provider's metadata is always fetched over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
