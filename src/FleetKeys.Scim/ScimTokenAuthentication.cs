using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FleetKeys.Api.Auth;
using FleetKeys.Scim.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetKeys.Scim;

/// <summary>
/// "Authorization: Bearer &lt;SCIM token&gt;" on /scim/v2, checked against the configured SHA-256 of each token (hashed as
/// API keys are). API keys are not SCIM tokens, nor the reverse; a refusal is a SCIM 401.
/// </summary>
public sealed class ScimTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScimSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = AuthSchemes.ScimToken;
    public const string Policy = "scim";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var presented = Encoding.ASCII.GetBytes(ApiKeys.Hash(header["Bearer ".Length..].Trim()));
        // Every configured hash is compared, in constant time, so timing tells nothing about which came close.
        var match = settings.Tokens.Aggregate((ScimTokenEntry?)null, (found, entry) =>
            CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(entry.Sha256.ToLowerInvariant())) ? entry : found);
        if (match is null) return Task.FromResult(AuthenticateResult.Fail("unknown SCIM token"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, match.Name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = settings.Tokens.Count == 0
            ? "SCIM is not enabled on this node: configure FleetKeys:Scim:Tokens"
            : "a valid SCIM token is required: 'Authorization: Bearer <token>'";
        return ScimResponse.Error(StatusCodes.Status401Unauthorized, null, detail).ExecuteAsync(Context);
    }
}
