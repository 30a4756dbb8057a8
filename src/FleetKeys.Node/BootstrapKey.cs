using FleetKeys.Api.Auth;
using FleetKeys.Cluster.Persistence;

namespace FleetKeys.Node;

/// <summary>
/// Secrets a fresh single node makes for itself when none are configured: an admin API key ("admin.key") and the
/// hardware master secret ("hardware.key"), written owner-only to the data folder, so a newcomer can start at once
/// without a secret ever appearing in a log. A real cluster configures both, the same on every node.
/// </summary>
public static class BootstrapKey
{
    /// <returns>The admin key file, when one was used.</returns>
    public static string? EnsureFor(NodeSettings settings)
    {
        settings.Hardware.MasterSecret ??= ReadOrCreate(settings, "hardware.key",
            () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        if (settings.Api.Keys.Count > 0 || !string.IsNullOrEmpty(settings.Api.BootstrapAdminKey)) return null;
        settings.Api.BootstrapAdminKey = ReadOrCreate(settings, "admin.key", ApiKeys.NewKey);
        return Path.GetFullPath(Path.Combine(settings.Persistence.DataFolder, "admin.key"));
    }

    /// <summary>A new key file is created owner-only in the one call that creates it: there is no moment it is readable by others.</summary>
    private static string ReadOrCreate(NodeSettings settings, string name, Func<string> create)
    {
        Directory.CreateDirectory(settings.Persistence.DataFolder);
        var path = Path.GetFullPath(Path.Combine(settings.Persistence.DataFolder, name));
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = DataFolder.PrivateFile;
            using var file = new StreamWriter(path, options);
            file.WriteLine(create());
        }

        return File.ReadAllText(path).Trim();
    }
}
