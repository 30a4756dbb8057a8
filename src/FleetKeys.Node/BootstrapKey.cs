using FleetKeys.Api.Auth;

namespace FleetKeys.Node;

/// <summary>
/// A fresh node with no API keys configured gets one admin key, written to "admin.key" in the data folder (owner-only),
/// so a newcomer can use the API at once without the key ever appearing in a log.
/// </summary>
public static class BootstrapKey
{
    public static string? EnsureFor(NodeSettings settings)
    {
        if (settings.Api.Keys.Count > 0 || !string.IsNullOrEmpty(settings.Api.BootstrapAdminKey)) return null;
        Directory.CreateDirectory(settings.Persistence.DataFolder);
        var path = Path.GetFullPath(Path.Combine(settings.Persistence.DataFolder, "admin.key"));
        if (!File.Exists(path))
        {
            File.WriteAllText(path, ApiKeys.NewKey() + Environment.NewLine);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        settings.Api.BootstrapAdminKey = File.ReadAllText(path).Trim();
        return path;
    }
}
