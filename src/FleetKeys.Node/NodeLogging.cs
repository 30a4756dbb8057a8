using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace FleetKeys.Node;

/// <summary>Serilog for ASP.NET Core and for Akka (through Akka.Logger.Serilog): one pipeline, structured events.</summary>
public static class NodeLogging
{
    public static Serilog.ILogger Create(LoggingSettings settings)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        if (!string.IsNullOrWhiteSpace(settings.JsonFile))
            config.WriteTo.File(new CompactJsonFormatter(), settings.JsonFile, rollingInterval: RollingInterval.Day);
        return config.CreateLogger();
    }
}
