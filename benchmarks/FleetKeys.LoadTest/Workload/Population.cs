using System.Globalization;
using FleetKeys.Domain.Ids;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.LoadTest.Workload;

/// <summary>
/// Who and what the run is about: the fleet split into sites of <see cref="LoadTestOptions.ControllersPerSite"/>
/// controllers, every person entitled to all cabinets of one site (people are dealt round-robin over the sites), and
/// badges nobody was given, for denials. Deterministic, so a rerun on a provisioned database finds the same people.
/// </summary>
public sealed class Population
{
    private const int UnknownBadges = 500;

    public Population(LoadTestOptions options, SimulatedFleet fleet)
    {
        Sites = SitesOf(options);
        Controllers = [.. fleet.Controllers.Chunk(options.ControllersPerSite)];
        People = MembersOf(options);
        Unknown = [.. SimulatedPerson.Generate(options.People + UnknownBadges).Skip(options.People)];
        Cabinets = [.. Controllers.SelectMany((controllers, site) => controllers.SelectMany(c => c.Cabinets).Select(c => new Place(c, site)))];
    }

    /// <summary>The sites, the same in the load test's process and the node's (which registers them).</summary>
    public static IReadOnlyList<SiteId> SitesOf(LoadTestOptions options) =>
        [.. Enumerable.Range(0, options.Sites).Select(s => new SiteId($"load-{(s + 1).ToString("D3", CultureInfo.InvariantCulture)}"))];

    /// <summary>The people and their sites, the same in the load test's process and the node's (which registers them).</summary>
    public static IReadOnlyList<Member> MembersOf(LoadTestOptions options) =>
        [.. SimulatedPerson.Generate(options.People).Select((person, n) => new Member(person, n % options.Sites))];

    /// <summary>The site of the controller at this place in the layout: sites take the controllers in order.</summary>
    public static int SiteOfController(LoadTestOptions options, int index) => index / options.ControllersPerSite;

    public IReadOnlyList<SiteId> Sites { get; }

    /// <summary>The controllers of each site, site by site.</summary>
    public IReadOnlyList<SimulatedController[]> Controllers { get; }

    public IReadOnlyList<Member> People { get; }

    public IReadOnlyList<Place> Cabinets { get; }

    public IReadOnlyList<SimulatedPerson> Unknown { get; }

    public int PeopleAt(int site) => People.Count / Sites.Count + (site < People.Count % Sites.Count ? 1 : 0);

    public int Keys => Cabinets.Sum(c => c.Cabinet.SlotCount);
}

/// <summary>A person of the run and the site whose cabinets they may use.</summary>
public sealed record Member(SimulatedPerson Person, int Site);

/// <summary>A simulated cabinet and the site it belongs to.</summary>
public sealed record Place(SimulatedCabinet Cabinet, int Site);
