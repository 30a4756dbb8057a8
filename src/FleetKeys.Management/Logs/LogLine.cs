using Microsoft.Extensions.Logging;

namespace FleetKeys.Management.Logs;

/// <summary>One rendered log event, as fleetctl shows it.</summary>
public sealed record LogLine(DateTimeOffset Time, LogLevel Level, string? Source, string Message, string? Exception);
