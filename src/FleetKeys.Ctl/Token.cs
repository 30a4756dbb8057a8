namespace FleetKeys.Ctl;

/// <summary>
/// The API key fleetctl presents. Never an argument (it would show in the process list and the shell's history):
/// a file, else the FLEETCTL_TOKEN variable, else data/admin.key — where a fresh node writes its admin key, so
/// fleetctl run beside a node that made its own key just works.
/// </summary>
public static class Token
{
    public const string Variable = "FLEETCTL_TOKEN";

    public const string NodeKeyFile = "data/admin.key";

    /// <returns>The token (null when none is configured anywhere), or an error when the named file cannot be read.</returns>
    public static string? Resolve(string? tokenFile, out string? error)
    {
        error = null;
        if (tokenFile is not null)
        {
            try
            {
                return File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"cannot read the token file {tokenFile}: {e.Message}";
                return null;
            }
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } token) return token.Trim();
        return File.Exists(NodeKeyFile) ? File.ReadAllText(NodeKeyFile).Trim() : null;
    }
}
