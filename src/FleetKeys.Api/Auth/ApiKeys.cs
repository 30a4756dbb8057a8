using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Api.Auth;

/// <summary>Looks keys up by their hash; the plain key exists only in the request that carries it.</summary>
public sealed class ApiKeys
{
    private readonly FrozenDictionary<string, ApiKeyEntry> _byHash;

    public ApiKeys(ApiKeySettings settings)
    {
        var entries = settings.Keys.ToList();
        foreach (var bad in entries.Where(e => !Roles.All.Contains(e.Role) && e.Role != Roles.GrantsOnly))
            throw new InvalidOperationException($"API key '{bad.Name}' has unknown role '{bad.Role}'; use one of {string.Join(", ", Roles.All)} or {Roles.GrantsOnly}");
        if (!string.IsNullOrEmpty(settings.BootstrapAdminKey))
            entries.Add(new ApiKeyEntry { Name = "bootstrap-admin", Role = Roles.Admin, Sha256 = Hash(settings.BootstrapAdminKey) });
        // The same key given twice (configured, and as the bootstrap key) is one key: the first entry names it.
        _byHash = entries.DistinctBy(e => e.Sha256.ToLowerInvariant()).ToFrozenDictionary(e => e.Sha256.ToLowerInvariant());
    }

    public ApiKeyEntry? Find(string presented) => _byHash.GetValueOrDefault(Hash(presented));

    public ApiKeyEntry? Named(string name) => _byHash.Values.FirstOrDefault(e => e.Name == name);

    /// <summary>The configured keys' names and roles, never their hashes: what an administrator may be shown.</summary>
    public IReadOnlyList<(string Name, string Role)> Names =>
        [.. _byHash.Values.Select(e => (e.Name, e.Role)).OrderBy(e => e.Name, StringComparer.Ordinal)];

    /// <summary>Whether a key of that name still has that role: a console session signed in with a key lasts only as long.</summary>
    public bool Holds(string name, string role) => _byHash.Values.Any(e => e.Name == name && e.Role == role);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>32 random bytes, URL-safe: the form every FleetKeys API key takes.</summary>
    public static string NewKey() => "fk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
