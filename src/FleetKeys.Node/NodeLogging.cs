using FleetKeys.Api.Auth;
using FleetKeys.Management.Logs;
using FleetKeys.Scim;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace FleetKeys.Node;

/// <summary>Serilog for ASP.NET Core and for Akka (through Akka.Logger.Serilog): one pipeline, structured events.</summary>
public static class NodeLogging
{
    /// <param name="recent">Also receives every event, for "fleetctl log recent".</param>
    public static Serilog.ILogger Create(LoggingSettings settings, RecentLogLines recent)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Warning)
            // Every refused request would say "challenged" or "not authenticated": the 401 is the client's to read.
            .MinimumLevel.Override(typeof(ApiKeyAuthenticationHandler).FullName!, LogEventLevel.Warning)
            .MinimumLevel.Override(typeof(ScimTokenAuthentication).FullName!, LogEventLevel.Warning)
            // Shard regions, coordinators and singleton managers narrate their own start-up (30 lines on a fresh node);
            // their warnings and errors still show.
            .MinimumLevel.Override("Akka.Cluster.Sharding", LogEventLevel.Warning)
            .MinimumLevel.Override("Akka.Cluster.Tools.Singleton", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.Sink(new RecentLogSink(recent));
        if (!string.IsNullOrWhiteSpace(settings.JsonFile))
            config.WriteTo.File(new CompactJsonFormatter(), settings.JsonFile, rollingInterval: RollingInterval.Day);
        return config.CreateLogger();
    }

    private sealed class RecentLogSink(RecentLogLines recent) : ILogEventSink
    {
        private static readonly MessageTemplateTextFormatter Message = new("{Message:lj}");

        // Serilog's levels and Microsoft.Extensions.Logging's share their order and numbers, Verbose/Trace to Fatal/Critical.
        public void Emit(LogEvent e)
        {
            var text = new StringWriter();
            Message.Format(e, text);
            recent.Add(new LogLine(e.Timestamp, (LogLevel)(int)e.Level, Source(e), text.ToString(), e.Exception?.Message));
        }

        /// <summary>Akka names its own sources by path ("LogSource"); its class is a placeholder when a string was the source.</summary>
        private static string? Source(LogEvent e) =>
            Text(e, "SourceContext") is { } context && !context.EndsWith("DummyClassForStringSources", StringComparison.Ordinal)
                ? context
                : Text(e, "LogSource") ?? Text(e, "SourceContext");

        private static string? Text(LogEvent e, string property) =>
            e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: { } v } ? v.ToString() : null;
    }
}
