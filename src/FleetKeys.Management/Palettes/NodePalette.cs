using System.Reflection;
using System.Runtime.InteropServices;
using Akka.Actor;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Management.Commands;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

public sealed record UptimeView(string Node, DateTimeOffset StartedAt, string Uptime);

public sealed record VersionView(string FleetKeys, string Akka, string Runtime, string OperatingSystem);

public sealed record ConfigurationView(IReadOnlyList<SettingRow> Settings);

/// <summary>The node itself: since when, which build, with which settings (secrets masked), and a backup of its store.</summary>
public sealed class NodePalette(
    ActorSystem system, IServer api, ManagementEndpoint management, IReadOnlyList<SettingRow> settings, JournalBackup backup) : IPalette
{
    public string Name => "node";

    public string Summary => "uptime, version and configuration of this node";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("uptime", "when this node's actor system started, and how long ago", Uptime),
        Read("version", "the versions of FleetKeys, Akka.NET and .NET this node runs", Version),
        Read("config", "the effective settings, secrets masked, and where it listens", Config),
        Change("backup", "an online copy of this node's SQLite journal and read side into a new folder on the node's host", Backup,
            ArgumentSpec.Of("path", "an absolute path on the node's host, not yet existing or empty")),
    ];

    private static readonly System.Threading.Lock OneAtATime = new();

    private Task<IResult> Backup(CommandArguments arguments, CancellationToken _)
    {
        var path = arguments.Text("path");
        arguments.Check.Check(Path.IsPathFullyQualified(path), "path", "must be an absolute path on the node's host");
        if (!arguments.Check.IsValid) return Answer.Invalid(arguments);
        try
        {
            // Two backups at once would only compete for the disk; the second waits for the first.
            lock (OneAtATime) return Answer.Ok(backup.Run(path));
        }
        catch (BackupRefused e)
        {
            return Answer.Problem(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private Task<IResult> Uptime(CommandArguments _, CancellationToken __)
    {
        var uptime = system.Uptime;
        return Answer.Ok(new UptimeView(Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(), DateTimeOffset.UtcNow - uptime,
            $"{(int)uptime.TotalDays}d {uptime:hh\\:mm\\:ss}"));
    }

    private static Task<IResult> Version(CommandArguments _, CancellationToken __) => Answer.Ok(new VersionView(
        VersionOf(typeof(NodePalette).Assembly), VersionOf(typeof(ActorSystem).Assembly), RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription));

    private Task<IResult> Config(CommandArguments _, CancellationToken __)
    {
        var listening = new List<SettingRow>(
            (api.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new SettingRow("listening:api", a)))
        {
            new("listening:management", management.Address ?? "(not bound)"),
        };
        return Answer.Ok(new ConfigurationView([.. listening, .. settings]));
    }

    /// <summary>The informational version carries the commit when the build stamps one; the file version otherwise.</summary>
    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";
}
