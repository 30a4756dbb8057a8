namespace FleetKeys.Scim.Protocol;

/// <summary>The "scimType" values of RFC 7644 §3.12 that FleetKeys answers with.</summary>
public static class ScimType
{
    public const string InvalidFilter = "invalidFilter";
    public const string InvalidSyntax = "invalidSyntax";
    public const string InvalidPath = "invalidPath";
    public const string InvalidValue = "invalidValue";
    public const string NoTarget = "noTarget";
    public const string Uniqueness = "uniqueness";
}

/// <summary>Ends a SCIM request with an RFC 7644 error body; thrown from parsers and stores alike.</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string? ScimType { get; } = scimType;

    public static ScimException BadRequest(string scimType, string detail) => new(400, scimType, detail);

    public static ScimException NotFound(string detail) => new(404, null, detail);

    public static ScimException Conflict(string detail) => new(409, Protocol.ScimType.Uniqueness, detail);

    public static ScimException Unavailable(string detail) => new(503, null, detail);
}
