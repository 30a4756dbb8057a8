using Akka.Actor;
using Akka.Cluster;
using FleetKeys.Cluster.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FleetKeys.Api.Health;

/// <summary>Ready means: this node is an Up member of the cluster (its shard regions can serve).</summary>
public sealed class ClusterMemberUpCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = Akka.Cluster.Cluster.Get(system).SelfMember.Status;
        return Task.FromResult(status == MemberStatus.Up
            ? HealthCheckResult.Healthy("cluster member is up")
            : HealthCheckResult.Unhealthy($"cluster member is {status}"));
    }
}

/// <summary>Ready also means the journal's database answers; without it no custody can be recorded.</summary>
public sealed class JournalReachableCheck(DatabasePing ping) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await ping.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("journal database reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("journal database unreachable: " + e.GetType().Name);
        }
    }
}
