using System.Net;
using System.Text.Json;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>Fault reports: at a simulated cabinet over TCP after a return, and through the API; a critical one keeps the key in.</summary>
public abstract class FaultEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    private string Slot(int slot) => $"/api/v1/cabinets/{Rig.CabinetId}/slots/{slot}";

    private async Task<JsonElement> OpenFaultsListed(int count)
    {
        JsonElement listed = default;
        await Eventually.Holds(async () =>
        {
            listed = await Rig.Get<JsonElement>($"/api/v1/reports/faults?siteId={Rig.Site}");
            Assert.Equal(count, listed.GetArrayLength());
        }, TimeSpan.FromSeconds(30));
        return listed;
    }

    [Fact]
    public async Task A_critical_fault_reported_at_the_cabinet_on_return_blocks_the_next_badge_take_until_an_operator_clears_it()
    {
        var ops = Rig.Node.Client(NodeApp.OperatorKey);
        var alice = await Rig.Person("alice");
        var bob = await Rig.Person("bob");
        await Rig.Release(alice, 2);
        Assert.True(Cabinet.TakeKey(2));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());

        // Alice brings it back and chooses the critical fault from the cabinet's list on the keypad.
        Assert.True(Cabinet.ReturnKey(2, Cabinet.Slot(2).HomeTag));
        var (severity, description) = SimulatedCabinet.FaultList.Single(f => f.Severity == FaultLevel.Critical);
        Assert.True(Cabinet.ReportFault(2, severity, description));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var custody = await Rig.Get<JsonElement>(Slot(2));
        var fault = Assert.Single(custody.GetProperty("openFaults").EnumerateArray());
        var alarm = Assert.Single(await Rig.Alarms("keyFault"));
        var listed = Assert.Single((await OpenFaultsListed(1)).EnumerateArray());

        // Bob may not take it: the cluster refuses the release and the cabinet says why.
        Cabinet.PresentBadge(bob.Badge);
        await Cabinet.WhenText(t => t.StartsWith("Welcome"), HardwareRig.Within());
        Cabinet.SelectKey(2);
        await Cabinet.WhenText(t => t == "Key faulty: ask operator", HardwareRig.Within());

        var faultId = fault.GetProperty("id").GetString();
        var cleared = await (await ops.Post($"{Slot(2)}/faults/{faultId}/clear", new { note = "brakes checked, fine" })).Read<JsonElement>(HttpStatusCode.OK);
        await Rig.Alarms("keyFault", 0);
        await OpenFaultsListed(0);
        await Rig.Release(bob, 2);

        Assert.Equal(("critical", description, alice.PersonId, $"cabinet {Rig.CabinetId}"),
            (fault.GetProperty("severity").GetString(), fault.GetProperty("description").GetString(), fault.GetProperty("reportedBy").GetString(),
                fault.GetProperty("reportedVia").GetString()));
        Assert.Equal((2, alice.PersonId), (alarm.GetProperty("slot").GetInt32(), alarm.GetProperty("personId").GetString()));
        Assert.Equal((faultId, $"{Rig.CabinetId}-k02", 2), (listed.GetProperty("id").GetString(), listed.GetProperty("keyId").GetString(),
            listed.GetProperty("slot").GetInt32()));
        Assert.Equal(0, cleared.GetProperty("openFaults").GetArrayLength());
    }

    [Fact]
    public async Task Faults_through_the_api_name_a_bad_field_refuse_unknown_keys_and_faults_a_second_clearing_and_a_remote_release_while_critical()
    {
        var ops = Rig.Node.Client(NodeApp.OperatorKey);
        var auditor = Rig.Node.Client(NodeApp.AuditorKey);
        var carol = await Rig.Person("carol");

        var minor = await (await ops.Post($"{Slot(3)}/faults", new { severity = "minor", description = "key ring worn" })).Read<JsonElement>(HttpStatusCode.Created);
        var reported = await ops.Post($"{Slot(3)}/faults", new { severity = "critical", description = "blade bent" });
        var critical = await reported.Read<JsonElement>(HttpStatusCode.Created);
        var listed = await Rig.Get<JsonElement>($"{Slot(3)}/faults");
        var located = await (await auditor.GetAsync(reported.Headers.Location)).Read<JsonElement>(HttpStatusCode.OK);
        var refused = await (await ops.Post($"{Slot(3)}/remote-release", new { personId = carol.PersonId, reason = "needs it" }))
            .Read<JsonElement>(HttpStatusCode.UnprocessableEntity);
        var criticalId = critical.GetProperty("id").GetString();
        await (await ops.Post($"{Slot(3)}/faults/{criticalId}/clear", new { note = "blade replaced" })).Read<JsonElement>(HttpStatusCode.OK);
        var twice = await (await ops.Post($"{Slot(3)}/faults/{criticalId}/clear", new { note = "again" })).Read<JsonElement>(HttpStatusCode.Conflict);
        await (await auditor.GetAsync(reported.Headers.Location)).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await ops.Post($"{Slot(3)}/remote-release", new { personId = carol.PersonId, reason = "needs it" })).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal($"{Slot(3)}/faults/{criticalId}", reported.Headers.Location?.OriginalString);
        Assert.Equal(["minor", "critical"], listed.EnumerateArray().Select(f => f.GetProperty("severity").GetString()));
        Assert.Equal("minor", minor.GetProperty("severity").GetString());
        Assert.Equal(("blade bent", "ops"), (located.GetProperty("description").GetString(), located.GetProperty("reportedVia").GetString()));
        Assert.Equal("KeyFaulted", refused.GetProperty("code").GetString());
        Assert.Contains("blade bent", refused.GetProperty("detail").GetString());
        Assert.Equal("Conflict", twice.GetProperty("code").GetString());

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { severity = "fatal", description = "x" }, "severity"), (new { severity = "3", description = "x" }, "severity"),
                     (new { severity = "minor", description = "" }, "description"),
                     (new { severity = "minor", description = new string('x', 201) }, "description"),
                 })
        {
            var bad = await (await ops.Post($"{Slot(3)}/faults", body)).Read<JsonElement>(HttpStatusCode.BadRequest);
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"{bad} should name {field}");
        }

        var noNote = await (await ops.Post($"{Slot(3)}/faults/{minor.GetProperty("id").GetString()}/clear", new { note = "" }))
            .Read<JsonElement>(HttpStatusCode.BadRequest);
        Assert.True(noNote.GetProperty("errors").TryGetProperty("note", out _));
        await (await ops.Post($"/api/v1/cabinets/nowhere/slots/1/faults", new { severity = "minor", description = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await ops.Post($"{Slot(3)}/faults/{Guid.NewGuid():N}/clear", new { note = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
        await (await ops.Post($"{Slot(3)}/faults/not-a-fault/clear", new { note = "x" })).Read<JsonElement>(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.Post($"{Slot(3)}/faults", new { severity = "minor", description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/reports/faults")).StatusCode);
    }
}

public sealed class SqliteFaultEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : FaultEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresFaultEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : FaultEndToEndSpecs<PostgresTestDatabase>(fixture);
