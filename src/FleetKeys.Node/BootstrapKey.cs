using FleetKeys.Api.Auth;
using FleetKeys.Cluster.Persistence;

namespace FleetKeys.Node;

/// <summary>
/// Secrets a fresh single node makes for itself when none are configured: an admin API key ("admin.key") and the
/// hardware master secret ("hardware.key"), written owner-only to the data folder, so a newcomer can start at once
/// without a secret ever appearing in a log. A real cluster configures both, the same on every node.
/// The admin key stays valid while its file exists when the node starts, also once API keys are configured beside it
/// (configuring the first key must not lock out whoever still uses this one): deleting the file and restarting retires it.
/// </summary>
public static class BootstrapKey
{
    public const string Name = "bootstrap-admin";

    /// <summary>The admin key file whose key the node accepts, and whether API keys are configured beside it.</summary>
    public sealed record KeyFile(string Path, bool BesideConfiguredKeys);

    /// <returns>The admin key file the node accepts a key from, or null: keys are configured and the file is gone.</returns>
    public static KeyFile? EnsureFor(NodeSettings settings)
    {
        settings.Hardware.MasterSecret ??= ReadOrCreate(settings, "hardware.key",
            () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var configured = settings.Api.Keys.Count > 0 || !string.IsNullOrEmpty(settings.Api.BootstrapAdminKey);
        var path = Path.GetFullPath(Path.Combine(settings.Persistence.DataFolder, "admin.key"));
        if (configured && !File.Exists(path)) return null;
        var key = ReadOrCreate(settings, "admin.key", ApiKeys.NewKey);
        settings.Api.Keys.Add(new ApiKeyEntry { Name = Name, Role = Roles.Admin, Sha256 = ApiKeys.Hash(key) });
        return new KeyFile(path, configured);
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
