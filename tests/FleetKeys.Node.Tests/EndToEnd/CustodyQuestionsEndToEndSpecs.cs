using System.Net;
using System.Text.Json;
using FleetKeys.Protocol.Messages;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.EndToEnd;

/// <summary>
/// Reasons and return questions at a simulated cabinet over TCP: the key's lists pushed to the cabinet, a reason chosen with the
/// key and answers keyed in there, recorded at the key's slot.
/// </summary>
public abstract class CustodyQuestionsEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    private string Slot(int slot) => $"/api/v1/cabinets/{Rig.CabinetId}/slots/{slot}";

    /// <summary>The rig's key in <paramref name="slot"/> given reasons and the odometer and fuel questions.</summary>
    private async Task AskQuestions(int slot)
    {
        var key = (await Rig.Get<JsonElement>(Slot(slot))).GetProperty("key");
        await (await Rig.Node.Client().Put($"{Slot(slot)}/key", new
            {
                keyId = key.GetProperty("id").GetString(), name = key.GetProperty("name").GetString(), group = key.GetProperty("group").GetString(),
                tagId = key.GetProperty("tagId").GetString(), reasons = new[] { "Delivery", "Service", "Training" },
                returnQuestions = new { odometer = true, fuel = true },
            }))
            .Read<JsonElement>(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reason_chosen_with_the_key_and_the_answers_keyed_in_on_return_are_in_its_history_and_an_odometer_backwards_is_refused_told_and_alarmed()
    {
        var alice = await Rig.Person("alice");
        await AskQuestions(2);
        await Eventually.Holds(() => Assert.NotNull(Cabinet.QuestionsOf(2)));
        var pushed = Cabinet.QuestionsOf(2);

        await Rig.Release(alice, 2, reason: 2);
        Assert.True(Cabinet.TakeKey(2));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var out_ = await Rig.Get<JsonElement>(Slot(2));

        Assert.True(Cabinet.ReturnKey(2, Cabinet.Slot(2).HomeTag));
        Assert.True(Cabinet.AnswerReturn(2, 12730, 40, null));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        var back = await Rig.Get<JsonElement>(Slot(2));
        var history = (await Rig.Get<JsonElement>($"{Slot(2)}/history")).EnumerateArray().ToList();

        // The next return keys in a lower reading: the key is back all the same, the answers wait for the right ones.
        await Rig.Release(alice, 2, reason: 1);
        Assert.True(Cabinet.TakeKey(2));
        Assert.True(Cabinet.ReturnKey(2, Cabinet.Slot(2).HomeTag));
        Assert.True(Cabinet.AnswerReturn(2, 12000, 30, null));
        await Cabinet.WhenAllEventsAcknowledged(HardwareRig.Within());
        // The person is told at the keypad; the control room sees an alarm until the right answers are recorded.
        await Cabinet.WhenText(t => t == "Odometer too low: ask operator", HardwareRig.Within());
        var alarm = Assert.Single(await Rig.Alarms("returnAnswersRefused"));
        var refused = await Rig.Get<JsonElement>(Slot(2));
        var backwards = await (await Rig.Node.Client(NodeApp.OperatorKey).Post($"{Slot(2)}/return-answers", new { odometerKm = 12000, fuelPercent = 30 }))
            .Read<JsonElement>(HttpStatusCode.UnprocessableEntity);
        var recorded = await (await Rig.Node.Client(NodeApp.OperatorKey).Post($"{Slot(2)}/return-answers", new { odometerKm = 12990, fuelPercent = 30 }))
            .Read<JsonElement>(HttpStatusCode.OK);
        await Rig.Alarms("returnAnswersRefused", 0);
        var cleared = Assert.Single(await Rig.Alarms("returnAnswersRefused", 1, "cleared"));

        Assert.Equal(new SetSlotQuestions(2, ReturnQuestions.Odometer | ReturnQuestions.Fuel, ["Delivery", "Service", "Training"]), pushed);
        Assert.Equal(("out", "Service"), (out_.GetProperty("status").GetString(), out_.GetProperty("takeReason").GetString()));
        Assert.Equal(("inSlot", false, 12730), (back.GetProperty("status").GetString(), back.GetProperty("answersAwaited").GetBoolean(),
            back.GetProperty("lastOdometerKm").GetInt32()));
        var reason = history.Single(e => e.GetProperty("type").GetString() == "keyslot.take-reason-given.v1").GetProperty("event");
        Assert.Equal((alice.PersonId, 2, "Service"), (reason.GetProperty("holder").GetString(), reason.GetProperty("choice").GetInt32(), reason.GetProperty("reason").GetString()));
        var answers = history.Single(e => e.GetProperty("type").GetString() == "keyslot.return-questions-answered.v1").GetProperty("event");
        Assert.Equal((alice.PersonId, alice.PersonId, 12730, 40), (answers.GetProperty("holder").GetString(), answers.GetProperty("by").GetString(),
            answers.GetProperty("answers").GetProperty("odometerKm").GetInt32(), answers.GetProperty("answers").GetProperty("fuelPercent").GetInt32()));
        Assert.Equal(("inSlot", true, 12730), (refused.GetProperty("status").GetString(), refused.GetProperty("answersAwaited").GetBoolean(),
            refused.GetProperty("lastOdometerKm").GetInt32()));
        Assert.Equal("OdometerBackwards", backwards.GetProperty("code").GetString());
        Assert.Equal((false, 12990), (recorded.GetProperty("answersAwaited").GetBoolean(), recorded.GetProperty("lastOdometerKm").GetInt32()));
        Assert.Equal((2, alice.PersonId), (alarm.GetProperty("slot").GetInt32(), alarm.GetProperty("personId").GetString()));
        Assert.Contains("12000 km would run it backwards", alarm.GetProperty("detail").GetString());
        Assert.Equal("ops recorded the answers", cleared.GetProperty("cleared").GetProperty("note").GetString());
    }
}

public sealed class SqliteCustodyQuestionsEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : CustodyQuestionsEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresCustodyQuestionsEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : CustodyQuestionsEndToEndSpecs<PostgresTestDatabase>(fixture);
