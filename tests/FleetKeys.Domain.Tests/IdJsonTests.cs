using System.Text.Json;

namespace FleetKeys.Domain.Tests;

public class IdJsonTests
{
    private static T RoundTrip<T>(T value, out string json)
    {
        json = JsonSerializer.Serialize(value);
        return JsonSerializer.Deserialize<T>(json)!;
    }

    [Fact]
    public void Ids_are_written_as_plain_strings()
    {
        Assert.Equal("\"alice\"", JsonSerializer.Serialize(Alice));
        Assert.Equal("\"cab-1/2\"", JsonSerializer.Serialize(Slot2));
        Assert.Equal($"\"{G1.Value}\"", JsonSerializer.Serialize(G1));
    }

    [Fact]
    public void Every_id_type_round_trips()
    {
        Assert.Equal(Alice, RoundTrip(Alice, out _));
        Assert.Equal(SiteA, RoundTrip(SiteA, out _));
        Assert.Equal(Cab1, RoundTrip(Cab1, out _));
        Assert.Equal(Ctl1, RoundTrip(Ctl1, out _));
        Assert.Equal(Vans, RoundTrip(Vans, out _));
        Assert.Equal(Tag1, RoundTrip(Tag1, out _));
        Assert.Equal(Badge1, RoundTrip(Badge1, out _));
        Assert.Equal(new KeyId("van-12"), RoundTrip(new KeyId("van-12"), out _));
        Assert.Equal(Slot2, RoundTrip(Slot2, out _));
        Assert.Equal(S1, RoundTrip(S1, out _));
        Assert.Equal(G1, RoundTrip(G1, out _));
    }

    [Fact]
    public void Ids_round_trip_as_dictionary_keys()
    {
        var holders = new Dictionary<SlotId, PersonId> { [Slot1] = Alice, [Cab2Slot1] = Bob };
        var back = RoundTrip(holders, out var json);
        Assert.Equal("{\"cab-1/1\":\"alice\",\"cab-2/1\":\"bob\"}", json);
        Assert.Equal(holders, back);

        var grants = new Dictionary<GrantId, SessionId> { [G1] = S1 };
        Assert.Equal(grants, RoundTrip(grants, out _));

        var byPerson = new Dictionary<PersonId, int> { [Alice] = 1 };
        Assert.Equal(byPerson, RoundTrip(byPerson, out _));
    }

    [Fact]
    public void Nullable_ids_round_trip_in_events()
    {
        var returned = new KeyReturned(Slot1, null, Bob, T0, false);
        var back = RoundTrip(returned, out var json);
        Assert.Equal(returned, back);
        Assert.Contains("\"Holder\":null", json);
        Assert.Contains("\"ReturnedBy\":\"bob\"", json);
    }

    [Fact]
    public void An_event_with_nested_ids_and_policy_round_trips()
    {
        var assigned = new KeyAssigned(Slot1, ASlot.Key(new CustodyPolicy(TimeSpan.FromHours(4), new TimeOnly(17, 0))), Berlin, T0);
        Assert.Equal(assigned, RoundTrip(assigned, out _));
    }

    [Fact]
    public void A_null_for_a_required_id_is_a_json_error()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PersonId>("null"));
    }

    [Theory]
    [InlineData("\"a/b\"")]
    [InlineData("\"\"")]
    [InlineData("\"a b\"")]
    public void An_invalid_id_in_json_is_refused(string json)
    {
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<PersonId>(json));
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<SlotId>(json));
    }
}
