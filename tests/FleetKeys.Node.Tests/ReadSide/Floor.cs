using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>
/// A fleet set up through the API, and the cabinet's side of the take flow driven as a controller would drive it, through
/// the cabinet entities: what the read side and the live stream are then observed to report.
/// </summary>
public sealed class Floor(NodeApp node, TimeProvider clock)
{
    public HttpClient Admin { get; } = node.Client();

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string Tag(string cabinet, int slot) => $"t-{cabinet}-{slot}";

    public static string Key(string cabinet, int slot) => $"k-{cabinet}-{slot}";

    public async Task<string> Site()
    {
        var id = Unique("site");
        await (await Admin.Post("/api/v1/sites", new { id, name = "Depot", timeZone = "Europe/Berlin" })).Read<JsonElement>(HttpStatusCode.Created);
        return id;
    }

    /// <summary>
    /// A cabinet with a key in every slot (in the first <paramref name="keys"/> when that is given); slot 1's key is a master
    /// key. On a controller of its own if one is named.
    /// </summary>
    public async Task<string> Cabinet(string? site = null, int slots = 3, string group = "general", int maxDurationMinutes = 480, string? controller = null,
        int? keys = null)
    {
        site ??= await Site();
        var id = Unique("cab");
        var busAddress = 1;
        if (controller is null) (controller, busAddress) = await TestControllers.NextBusAddress(Admin);
        else await (await Admin.Post("/api/v1/controllers", new { id = controller, host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
        await (await Admin.Post("/api/v1/cabinets", new { id, siteId = site, controllerId = controller, busAddress, slotCount = slots }))
            .Read<JsonElement>(HttpStatusCode.Created);
        for (var slot = 1; slot <= (keys ?? slots); slot++)
            await (await Admin.Put($"/api/v1/cabinets/{id}/slots/{slot}/key", new
            {
                keyId = Key(id, slot), name = $"Key {slot}", group, criticality = slot == 1 ? "master" : "normal", tagId = Tag(id, slot),
                maxDurationMinutes,
            })).Read<JsonElement>(HttpStatusCode.OK);
        return id;
    }

    public async Task<(string Person, string Badge)> Person(int maxKeys = 5)
    {
        // Badge numbers are kept upper case, as readers report them.
        var (id, badge) = (Unique("p"), Unique("b").ToUpperInvariant());
        await (await Admin.Post("/api/v1/people", new { id, name = "Pat", maxKeys })).Read<JsonElement>(HttpStatusCode.Created);
        await (await Admin.Post($"/api/v1/people/{id}/badges", new { badge })).Read<JsonElement>(HttpStatusCode.OK);
        await (await Admin.Put($"/api/v1/people/{id}/entitlements", new[] { new { group = (string?)null } })).Read<JsonElement>(HttpStatusCode.OK);
        return (id, badge);
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    private async Task<T> AtCabinet<T>(object message)
    {
        var answer = await node.Service<IActorRegistry>().Get<CabinetRegion>().Ask<object>(message, TimeSpan.FromSeconds(15));
        return answer is T typed ? typed : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {answer}");
    }

    public async Task<SessionId> Badge(string cabinet, string badge) =>
        (await AtCabinet<AccessGranted>(new PresentBadge(new CabinetId(cabinet), new BadgeNumber(badge), null, Now))).Session;

    /// <summary>A controller cut off from the cluster let the badge in at the door, and uploads it as its log's entry <paramref name="number"/>.</summary>
    public Task AdmittedOffline(string cabinet, string badge, string person, uint number) =>
        AtCabinet<SlotEventRecorded>(new RecordOfflineAccess(new CabinetId(cabinet), new BadgeNumber(badge), new PersonId(person), 0, true, null, Now,
            new HardwareEventRef(1, number)));

    /// <summary>Badge, choose the key of <paramref name="slot"/> (with the number of a reason when it lists reasons), take it.</summary>
    public async Task Take(string cabinet, string badge, int slot, int? reason = null)
    {
        await Choose<UnlockSlot>(cabinet, badge, slot, reason);
        await TagLeaves(cabinet, slot);
    }

    /// <summary>Badge and choose the key of <paramref name="slot"/>: the cabinet's answer, an unlock or a refusal.</summary>
    public async Task<T> Choose<T>(string cabinet, string badge, int slot, int? reason = null) =>
        await AtCabinet<T>(new SelectKey(new CabinetId(cabinet), await Badge(cabinet, badge), slot, Now, reason));

    /// <summary>The key's tag leaves its slot: a take after a release, a forced removal without one.</summary>
    public Task TagLeaves(string cabinet, int slot) =>
        AtCabinet<SlotEventRecorded>(new ReportTagRemoved(new CabinetId(cabinet), slot, new TagId(Tag(cabinet, slot)), Now));

    /// <summary>The key's tag enters its slot with nobody badged: a key gone without a release put back.</summary>
    public Task TagEnters(string cabinet, int slot) =>
        AtCabinet<SlotEventRecorded>(new ReportTagInserted(new CabinetId(cabinet), slot, new TagId(Tag(cabinet, slot)), Now));

    public async Task Return(string cabinet, string badge, int slot, int? intoSlot = null)
    {
        await Badge(cabinet, badge);
        await AtCabinet<SlotEventRecorded>(new ReportTagInserted(new CabinetId(cabinet), intoSlot ?? slot, new TagId(Tag(cabinet, slot)), Now));
    }

    /// <summary>Right after returning the key of <paramref name="slot"/> the person keyed in the answers to its return questions.</summary>
    public Task ReturnAnswers(string cabinet, int slot, ReturnAnswers answers) =>
        AtCabinet<SlotEventRecorded>(new ReportReturnAnswers(new CabinetId(cabinet), slot, new TagId(Tag(cabinet, slot)), answers, Now));

    /// <summary>The cabinet reports which tag sits in which slot, as its driver would after a handshake.</summary>
    public Task Inventory(string cabinet, params (int Slot, string Tag)[] tags) =>
        AtCabinet<CabinetDetails>(new ReportInventory(new CabinetId(cabinet), [.. tags.Select(t => new SlotTag(t.Slot, new TagId(t.Tag)))], Now));

    public async Task<JsonElement> Get(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await Admin.GetAsync(path)).Read<JsonElement>(expected);

    /// <summary>The read side catches up asynchronously; this waits (bounded) until a list has the expected number of items.</summary>
    public async Task<JsonElement> Listed(string path, int count)
    {
        JsonElement page = default;
        await Eventually.Holds(async () =>
        {
            page = await Get(path);
            Assert.Equal(count, page.GetProperty("items").GetArrayLength());
        });
        return page.GetProperty("items");
    }
}
