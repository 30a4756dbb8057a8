using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetKeys.Cluster.Notifications;

/// <summary>Registry key of the notification dispatcher's singleton.</summary>
public sealed class NotificationDispatcherSingleton;

public static class NotificationsHostingExtensions
{
    /// <summary>
    /// The dispatcher, as a cluster singleton; its queue is filled by the notifications projection. Settings come from the
    /// services (<see cref="NotificationSettings"/>), else the defaults.
    /// </summary>
    public static AkkaConfigurationBuilder AddNotifications(this AkkaConfigurationBuilder builder, PersistenceSettings persistence)
    {
        var database = new ReadDatabase(persistence);
        return builder.WithSingleton<NotificationDispatcherSingleton>("notifications", (_, _, resolver) =>
        {
            var settings = resolver.GetService<NotificationSettings>() ?? new NotificationSettings();
            var clock = resolver.GetService<TimeProvider>() ?? TimeProvider.System;
            var admin = resolver.GetService<FleetAdmin>();
            var secrets = new SubscriptionSecrets(resolver.GetService<NodeKeys>()
                                                  ?? throw new InvalidOperationException("webhook secrets are sealed with the node's keys (AddNodeKeys)"));
            var log = (resolver.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<NotificationDispatcher>();
            return Props.Create(() => new NotificationDispatcherActor(database, clock, settings, admin, secrets, log));
        }, new ClusterSingletonOptions(), createProxyToo: false);
    }
}
