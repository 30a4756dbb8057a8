namespace FleetKeys.Api.Auth;

/// <summary>The names of the node's authentication schemes that more than one feature reads.</summary>
public static class AuthSchemes
{
    /// <summary>SCIM tokens (FleetKeys.Scim): a change made with one is the identity provider's.</summary>
    public const string ScimToken = "ScimToken";
}
