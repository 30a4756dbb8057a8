using System.Globalization;
using System.Reflection;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.LoadTest;

/// <summary>
/// Every knob of a run, settable as <c>--name value</c> (the property name in kebab case). The defaults are the fleet of
/// docs/benchmarks.md: 200 controllers × 10 cabinets × 40 slots, 20,000 people, 200 custody transactions per second.
/// </summary>
public sealed record LoadTestOptions
{
    public int Controllers { get; init; } = 200;
    public int CabinetsPerController { get; init; } = 10;
    public int Slots { get; init; } = 40;
    public int People { get; init; } = 20_000;

    /// <summary>Controllers per site; people are entitled to every cabinet of their own site, so this sizes each allow-list.</summary>
    public int ControllersPerSite { get; init; } = 10;

    public int MaxKeysPerPerson { get; init; } = 3;

    /// <summary>Concurrent provisioning streams (sites, batches of people), each sequential through FleetProvisioning.</summary>
    public int ProvisioningParallelism { get; init; } = 8;

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>An existing database to run against; otherwise a throwaway one (a SQLite file, or a database on FLEETKEYS_TEST_POSTGRES).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Offered custody transactions (takes and returns) per second; visits start on this clock whether or not earlier ones finished.</summary>
    public double Rate { get; init; } = 200;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Of all visits, the share that presents a badge the cluster must refuse (unknown or revoked).</summary>
    public double DenialShare { get; init; } = 0.05;

    /// <summary>One person revoked this often during the measured window; zero turns revocations off.</summary>
    public TimeSpan RevokeEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The shift change: from this far into the measured window, the rate times <see cref="BurstFactor"/> for <see cref="BurstLength"/>.</summary>
    public TimeSpan BurstAt { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BurstLength { get; init; } = TimeSpan.FromSeconds(5);
    public double BurstFactor { get; init; } = 3;

    /// <summary>The longest any single step of a visit may take before it counts as an error.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Arrivals beyond this many visits under way are shed (and counted) rather than queued without bound.</summary>
    public int MaxInFlight { get; init; } = 4_000;

    /// <summary>The driver's poll interval (FleetKeys:Hardware:PollInterval); null keeps the node's default (docs/protocol.md).</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>How long the node's CPU is measured with the fleet idle (nobody at the cabinets), after provisioning.</summary>
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan JournalBaseline { get; init; } = TimeSpan.FromSeconds(10);
    public int BaselineWriters { get; init; } = 32;
    public int BaselineBatch { get; init; } = 10;

    public bool ColdStart { get; init; } = true;

    /// <summary>Opens the console in Debian's chromium: its first renders before the workload, what it keeps up with during it.</summary>
    public bool ConsoleProbe { get; init; }

    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(2);

    public string LogLevel { get; init; } = "Error";

    /// <summary>A file the node's whole output is appended to (every process the run starts, the cold start's too); null keeps only its tail.</summary>
    public string? NodeLog { get; init; }

    /// <summary>A hard limit on the node's managed heap (the runtime's GCHeapHardLimit, for its process alone), to measure its memory within a budget; null: none.</summary>
    public int? NodeHeapLimitMb { get; init; }

    public int Seed { get; init; } = 1;

    public int Cabinets => Controllers * CabinetsPerController;

    public int Sites => (Controllers + ControllersPerSite - 1) / ControllersPerSite;

    /// <summary>The simulated fleet's shape; its names and tags are deterministic, so the node's process registers the same fleet.</summary>
    public FleetLayout Layout => new(Controllers, CabinetsPerController, Slots);

    public static LoadTestOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadTestOptions();
        var properties = typeof(LoadTestOptions).GetProperties().Where(p => p.CanWrite)
            .ToDictionary(p => "--" + KebabCase(p.Name), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!properties.TryGetValue(args[i], out var property))
                throw new ArgumentException($"unknown option {args[i]}; options: {string.Join(" ", properties.Keys.Order())}");
            if (i + 1 >= args.Count) throw new ArgumentException($"{args[i]} needs a value");
            property.SetValue(options, Convert(args[++i], property));
        }

        return options.Validated();
    }

    private LoadTestOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Controllers, 1, "--controllers");
        ArgumentOutOfRangeException.ThrowIfLessThan(CabinetsPerController, 1, "--cabinets-per-controller");
        ArgumentOutOfRangeException.ThrowIfLessThan(People, Sites, "--people (at least one per site)");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Rate, "--rate");
        ArgumentOutOfRangeException.ThrowIfLessThan(ControllersPerSite, 1, "--controllers-per-site");
        ArgumentOutOfRangeException.ThrowIfLessThan(ProvisioningParallelism, 1, "--provisioning-parallelism");
        if (IdleWindow <= TimeSpan.Zero) throw new ArgumentOutOfRangeException("--idle-window", IdleWindow, "a positive number of seconds");
        if (NodeHeapLimitMb is < 64) throw new ArgumentOutOfRangeException("--node-heap-limit-mb", NodeHeapLimitMb, "at least 64");
        if (DenialShare is < 0 or >= 1) throw new ArgumentOutOfRangeException("--denial-share", DenialShare, "a share in [0, 1)");
        return this;
    }

    private static object Convert(string value, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(TimeSpan))
            return TimeSpan.FromSeconds(double.Parse(value.TrimEnd('s'), CultureInfo.InvariantCulture));
        if (type.IsEnum) return Enum.Parse(type, value, ignoreCase: true);
        if (type == typeof(bool)) return bool.Parse(value);
        return System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }

    private static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
