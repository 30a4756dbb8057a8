using BenchmarkDotNet.Attributes;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.Sites;
using static FleetKeys.Benchmarks.Samples;

namespace FleetKeys.Benchmarks;

/// <summary>
/// The cabinet's core on every hardware report (freshness, slot, home), with all 40 slots homed and summarised; and the
/// small entities a badge or a registration passes through: credential, site, controller.
/// </summary>
[MemoryDiagnoser]
public class CabinetBenchmarks
{
    private static readonly HardwareEventRef Source = new(7, 1_000);
    private readonly TagLeftSlot _left = new(Cabinet, 17, Tag(17), Now, Source);
    private readonly SlotSummaryChanged _summary = new(Cabinet, new SlotSummary(17, CustodyStatus.Out, Person, Now.AddHours(8)), Now);
    private readonly CredentialState _credential = new(Badge, null);
    private readonly SiteState _site = SiteState.Empty(Site);
    private readonly ControllerState _controller = ControllerState.Empty(Controller)
        .Apply(new ControllerRegistered(Controller, "127.0.0.1", 4100, OfflinePolicy.AllowCached, Now));

    private CabinetState _cabinet = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cabinet = CabinetState.Empty(Cabinet).Apply(new CabinetRegistered(Cabinet, Site, Zone, Controller, 4, Slots, false, Now));
        for (var slot = 1; slot <= Slots; slot++)
            cabinet = cabinet.Apply(new KeyHomed(Cabinet, slot, Tag(slot), Now, Key(slot).Group))
                .Apply(new SlotSummaryChanged(Cabinet, new SlotSummary(slot, CustodyStatus.InSlot, null, null), Now));
        _cabinet = cabinet.Apply(new CabinetSessionOpened(Cabinet, Session, Person, Badge, Now.AddSeconds(60), Now));
    }

    [Benchmark]
    public Decision<CabinetEvent> DecideTagRemoved() => _cabinet.Decide(new ReportTagRemoved(Cabinet, 17, Tag(17), Now, Source with { Number = 1_001 }));

    [Benchmark]
    public Decision<CabinetEvent> DecideTagInserted() => _cabinet.Decide(new ReportTagInserted(Cabinet, 17, Tag(17), Now, Source with { Number = 1_001 }));

    [Benchmark]
    public Decision<CabinetEvent> DecideSessionOpened() =>
        _cabinet.Decide(new RecordSessionOpened(Cabinet, Session, Person, Badge, Now.AddSeconds(60), Now));

    [Benchmark]
    public CabinetState ApplyTagLeft() => _cabinet.Apply(_left);

    [Benchmark]
    public CabinetState ApplySlotSummary() => _cabinet.Apply(_summary);

    /// <summary>Typed as object, so the benchmark does not tie itself to the credential's event hierarchy.</summary>
    [Benchmark]
    public object CredentialDecideClaim() => _credential.Decide(new ClaimBadge(Badge, Person, Now));

    [Benchmark]
    public Decision<SiteEvent> SiteDecideRegister() => _site.Decide(new RegisterSite(Site, "Load site 1", Zone, Now));

    [Benchmark]
    public Decision<ControllerEvent> ControllerDecideAttach() => _controller.Decide(new AttachCabinet(Controller, 4, Cabinet, false, Now));
}
