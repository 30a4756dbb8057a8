using Microsoft.AspNetCore.Http;

namespace FleetKeys.Scim.Protocol;

/// <summary>Absolute resource locations (meta.location, Location headers, member $ref), from the request's own base.</summary>
public sealed class ScimUrls(HttpRequest request)
{
    public const string Base = "/scim/v2";

    private readonly string _root = $"{request.Scheme}://{request.Host}{request.PathBase}{Base}";

    public string User(string id) => $"{_root}/Users/{Uri.EscapeDataString(id)}";

    public string Group(string id) => $"{_root}/Groups/{Uri.EscapeDataString(id)}";

    public string Of(string path) => _root + path;
}
