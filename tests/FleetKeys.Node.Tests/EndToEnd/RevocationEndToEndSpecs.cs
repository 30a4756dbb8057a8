using System.Net;
using System.Text;
using System.Text.Json;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// A revocation reaches every controller: online ones purge their allow-list at once and confirm, an unreachable one
/// purges when it is back, and the person's badge is refused everywhere from the moment the revocation is answered.
/// </summary>
public sealed class RevocationEndToEndSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private HardwareRig _rig = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _rig = await HardwareRig.StartAsync(_database, layout: new FleetLayout(3, 2, 3));
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static bool Admits(SimulatedCabinet cabinet, string person) => cabinet.AllowList.Entries.Values.Any(e => e.PersonId == person);

    [Fact]
    public async Task A_revoked_badge_is_refused_at_every_cabinet_and_every_controller_purges_it_online_or_after_reconnecting()
    {
        var mallory = await _rig.Person("mallory");
        foreach (var cabinet in _rig.Cabinets) await cabinet.WaitUntilAsync(c => Admits(c, "mallory"), HardwareRig.Within());
        var unreachable = _rig.Controllers[2];
        _rig.Relays[2].Cut();

        // Mallory keeps badging and choosing keys at every reachable cabinet while the revocation is being made.
        using var stop = new CancellationTokenSource();
        var reachable = _rig.Controllers.Take(2).SelectMany(c => c.Cabinets).ToList();
        var attempts = reachable.Select(cabinet => Task.Run(async () =>
        {
            for (var round = 0; round < 200 && !stop.IsCancellationRequested; round++)
            {
                cabinet.PresentBadge(mallory.Badge);
                cabinet.SelectKey((byte)(1 + round % cabinet.SlotCount));
                await Task.Yield();
            }
        })).ToList();
        var answer = await _rig.Admin.PostAsync("/api/v1/people/mallory/revoke",
            new StringContent("""{"status":"terminated","reason":"dismissed"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await stop.CancelAsync();
        await Task.WhenAll(attempts);

        // The person decides every grant, alone: nothing it granted comes after the revocation it acknowledged.
        var journal = await _rig.Node.Service<Cluster.Persistence.JournalHistory>().EventsOf("person-mallory");
        var revokedAt = journal.Single(e => e.Event is Domain.People.PersonRevoked).SequenceNr;
        Assert.DoesNotContain(journal, e => e.Event is Domain.People.GrantIssued && e.SequenceNr > revokedAt);

        foreach (var cabinet in _rig.Controllers.Take(2).SelectMany(c => c.Cabinets))
        {
            cabinet.PresentBadge(mallory.Badge);
            await cabinet.WhenText(t => t == "Access revoked", HardwareRig.Within());
            await cabinet.WaitUntilAsync(c => !Admits(c, "mallory"), HardwareRig.Within());
        }

        await Eventually.Holds(async () =>
        {
            var progress = await _rig.Get<JsonElement>("/api/v1/people/mallory/revocation");
            Assert.Equal(["ctl-01", "ctl-02"], progress.GetProperty("confirmed").EnumerateArray().Select(c => c.GetProperty("controller").GetString()));
            Assert.Equal(["ctl-03"], progress.GetProperty("pending").EnumerateArray().Select(c => c.GetString()));
        });
        Assert.All(unreachable.Cabinets, c => Assert.True(Admits(c, "mallory"), "a cabinet cut off cannot have heard of it yet"));

        _rig.Relays[2].Resume();
        foreach (var cabinet in unreachable.Cabinets) await cabinet.WaitUntilAsync(c => !Admits(c, "mallory"), HardwareRig.Within());
        await Eventually.Holds(async () =>
        {
            var progress = await _rig.Get<JsonElement>("/api/v1/people/mallory/revocation");
            Assert.True(progress.GetProperty("complete").GetBoolean(), progress.ToString());
        });
    }
}
