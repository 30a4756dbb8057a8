using FleetKeys.Api.Auth;
using FleetKeys.Cluster.Clustering;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Driver;
using Microsoft.Extensions.Configuration;

namespace FleetKeys.Node;

/// <summary>The node's whole configuration, section "FleetKeys", from appsettings, a --config file, environment and arguments.</summary>
public sealed class NodeSettings
{
    public PersistenceSettings Persistence { get; set; } = new();
    public ClusterSettings Cluster { get; set; } = new();
    public EntitySettings Entities { get; set; } = new();
    public ApiKeySettings Api { get; set; } = new();
    public LoggingSettings Logging { get; set; } = new();
    public DriverSettings Hardware { get; set; } = new();
    public Demo.DemoSettings Demo { get; set; } = new();
    public Management.ManagementSettings Management { get; set; } = new();
    public Api.Webhooks.WebhookSettings Webhooks { get; set; } = new();
    public Scim.ScimSettings Scim { get; set; } = new();
    public Cluster.Notifications.NotificationSettings Notifications { get; set; } = new();
    public Cluster.Reports.ReportSettings Reports { get; set; } = new();
    public NetworkSettings Network { get; set; } = new();
    public Console.ConsoleSettings Console { get; set; } = new();
    public Cluster.Projections.Audit.AuditSettings Audit { get; set; } = new();
    public Cluster.People.RetentionSettings Retention { get; set; } = new();

    public static NodeSettings From(IConfiguration configuration) =>
        configuration.GetSection("FleetKeys").Get<NodeSettings>() ?? new NodeSettings();
}

public sealed class LoggingSettings
{
    public Serilog.Events.LogEventLevel Level { get; set; } = Serilog.Events.LogEventLevel.Information;

    /// <summary>When set, structured logs are also written to this file as compact JSON (one event a line), rolled daily.</summary>
    public string? JsonFile { get; set; }
}
