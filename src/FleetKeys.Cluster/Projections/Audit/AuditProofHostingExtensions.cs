using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using FleetKeys.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>Registry key of the audit checkpointer's singleton.</summary>
public sealed class AuditCheckpointSingleton;

public static class AuditProofHostingExtensions
{
    /// <summary>The audit signing key (derived from the hardware master secret), the checkpointer, the anchors and the settings they follow.</summary>
    public static IServiceCollection AddAuditProof(this IServiceCollection services, AuditSettings settings, byte[] masterSecret)
    {
        services.AddSingleton(settings);
        services.AddSingleton(new AuditKeys(masterSecret, settings.KeyGeneration));
        services.AddSingleton<AuditCheckpointer>();
        services.AddSingleton(new AuditAnchors(settings));
        services.AddSingleton<AuditAnchoring>();
        return services;
    }

    /// <summary>Signs checkpoints as a cluster singleton; it needs <see cref="AddAuditProof"/> in the services.</summary>
    public static AkkaConfigurationBuilder AddAuditCheckpoints(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<AuditCheckpointSingleton>("audit-checkpoints", (_, _, resolver) =>
        {
            var checkpointer = resolver.GetService<AuditCheckpointer>()
                               ?? throw new InvalidOperationException("audit checkpoints are signed with the audit key (AddAuditProof)");
            var anchoring = resolver.GetService<AuditAnchoring>()!;
            var settings = resolver.GetService<AuditSettings>() ?? new AuditSettings();
            var log = (resolver.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<AuditCheckpointer>();
            return Props.Create(() => new AuditCheckpointActor(checkpointer, anchoring, settings, log));
        }, new ClusterSingletonOptions(), createProxyToo: false);
}
