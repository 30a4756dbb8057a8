using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Idempotency;
using FleetKeys.Cluster.Projections.Live;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Cluster.Projections;

public static class ReadSideServiceCollectionExtensions
{
    /// <summary>What the API reads and checks: the read tables' queries, the audit verifier, the live feed, idempotency keys.</summary>
    public static IServiceCollection AddReadSide(this IServiceCollection services, PersistenceSettings persistence)
    {
        services.AddSingleton(new ReadDatabase(persistence));
        services.AddSingleton<DirectoryQueries>();
        services.AddSingleton<OverviewQueries>();
        services.AddSingleton<CustodyQueries>();
        services.AddSingleton<AlarmQueries>();
        services.AddSingleton<ApprovalQueries>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<PersonalDataQueries>();
        services.AddSingleton(sp => new ReadSideErasure(sp.GetRequiredService<ReadDatabase>(), persistence));
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditExport>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ReadSideMetrics>();
        services.AddSingleton<SubscriptionSecrets>();
        services.AddSingleton<NotificationStore>();
        return services;
    }
}
