using System.Net;
using System.Text.Json;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.ReadSide;

/// <summary>The reason given for a take and the answers given on return, in the custody history and its CSV over real HTTP.</summary>
public abstract class CustodyAnswersHistorySpecs<TDatabase>(ClockedNodeFixture<TDatabase> fixture) : IClassFixture<ClockedNodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private readonly Floor _floor = fixture.Floor;

    [Fact]
    public async Task The_custody_history_and_its_csv_show_the_take_reason_and_the_return_answers_with_who_answered()
    {
        var cabinet = await _floor.Cabinet();
        var (alice, badge) = await _floor.Person();
        await (await _floor.Admin.Put($"/api/v1/cabinets/{cabinet}/slots/2/key", new
        {
            keyId = Floor.Key(cabinet, 2), name = "Van 12", group = "general", tagId = Floor.Tag(cabinet, 2), reasons = new[] { "Delivery", "Service" },
            returnQuestions = new { odometer = true, fuel = true, damage = true },
        })).Read<JsonElement>(HttpStatusCode.OK);

        await _floor.Take(cabinet, badge, 2, reason: 2);
        await _floor.Return(cabinet, badge, 2);
        await _floor.ReturnAnswers(cabinet, 2, new ReturnAnswers(12730, 40, true));
        var history = await _floor.Listed($"/api/v1/history?keyId={Floor.Key(cabinet, 2)}", 5);
        var csv = await (await _floor.Admin.GetAsync($"/api/v1/history/csv?keyId={Floor.Key(cabinet, 2)}")).Content.ReadAsStringAsync();

        Assert.Equal(["released", "takeReasonGiven", "taken", "returned", "returnQuestionsAnswered"],
            history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal((alice, "Service"), (history[1].GetProperty("personId").GetString(), history[1].GetProperty("reason").GetString()));
        var answered = history[4];
        Assert.Equal((alice, 12730, 40, true, alice), (answered.GetProperty("personId").GetString(), answered.GetProperty("odometerKm").GetInt32(),
            answered.GetProperty("fuelPercent").GetInt32(), answered.GetProperty("damaged").GetBoolean(), answered.GetProperty("answeredBy").GetString()));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.EndsWith(",odometerKm,fuelPercent,damaged,answeredBy", lines[0]);
        Assert.Contains(lines, l => l.Contains(",takeReasonGiven,", StringComparison.Ordinal) && l.Contains(",Service,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",returnQuestionsAnswered,", StringComparison.Ordinal) && l.EndsWith($",12730,40,True,{alice}", StringComparison.Ordinal));
    }
}

public sealed class SqliteCustodyAnswersHistorySpecs(ClockedNodeFixture<SqliteTestDatabase> fixture)
    : CustodyAnswersHistorySpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresCustodyAnswersHistorySpecs(ClockedNodeFixture<PostgresTestDatabase> fixture)
    : CustodyAnswersHistorySpecs<PostgresTestDatabase>(fixture);
