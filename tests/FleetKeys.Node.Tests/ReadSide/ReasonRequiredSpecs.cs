using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>A key that lists reasons is released only with one of them: at the cabinet by its number, from the control room by its text.</summary>
public abstract class ReasonRequiredSpecs<TDatabase>(ClockedNodeFixture<TDatabase> fixture) : IClassFixture<ClockedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;
    private readonly HttpClient _ops = fixture.Node.Client(NodeApp.OperatorKey);

    private async Task<string> CabinetWithReasons()
    {
        var cabinet = await _floor.Cabinet();
        await (await _floor.Admin.Put($"/api/v1/cabinets/{cabinet}/slots/2/key", new
        {
            keyId = Floor.Key(cabinet, 2), name = "Van 12", group = "general", tagId = Floor.Tag(cabinet, 2), reasons = new[] { "Delivery", "Service" },
        })).Read<JsonElement>(HttpStatusCode.OK);
        return cabinet;
    }

    [Fact]
    public async Task At_the_cabinet_a_key_with_reasons_chosen_without_one_or_with_one_not_listed_stays_locked()
    {
        var cabinet = await CabinetWithReasons();
        var (_, badge) = await _floor.Person();

        var without = await _floor.Choose<Rejection>(cabinet, badge, 2);
        var unlisted = await _floor.Choose<Rejection>(cabinet, badge, 2, reason: 3);
        await _floor.Choose<UnlockSlot>(cabinet, badge, 2, reason: 1);

        Assert.Equal((RejectionCode.ReasonRequired, RejectionCode.ReasonRequired), (without.Code, unlisted.Code));
        Assert.Contains("1 Delivery, 2 Service", without.Message);
        Assert.Equal("Delivery", (await _floor.Get($"/api/v1/cabinets/{cabinet}/slots/2")).GetProperty("takeReason").GetString());
    }

    [Fact]
    public async Task The_control_rooms_release_of_a_key_with_reasons_names_one_of_them_or_is_a_bad_request_naming_reason()
    {
        var cabinet = await CabinetWithReasons();
        var (person, _) = await _floor.Person();
        var release = $"/api/v1/cabinets/{cabinet}/slots/2/remote-release";

        var unlisted = await (await _ops.PostAsJsonAsync(release, new { personId = person, reason = "Lunch" })).Read<JsonElement>(HttpStatusCode.BadRequest);
        var released = await (await _ops.PostAsJsonAsync(release, new { personId = person, reason = "service" })).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("ReasonRequired", unlisted.GetProperty("code").GetString());
        Assert.True(unlisted.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(("released", "Service"), (released.GetProperty("status").GetString(), released.GetProperty("takeReason").GetString()));
    }
}

public sealed class SqliteReasonRequiredSpecs(ClockedNodeFixture<SqliteTestDatabase> fixture) : ReasonRequiredSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresReasonRequiredSpecs(ClockedNodeFixture<PostgresTestDatabase> fixture) : ReasonRequiredSpecs<PostgresTestDatabase>(fixture);
