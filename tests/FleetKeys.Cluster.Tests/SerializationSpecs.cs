using System.Collections.Immutable;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Every command, event, reply and snapshot crosses nodes or reaches the journal, so each must round-trip through
/// the serializer Akka itself picks for it; and a type nobody bound must be refused, not silently serialized.
/// </summary>
public sealed class SerializationSpecs(SerializationHost host) : IClassFixture<SerializationHost>
{
    private readonly Akka.Serialization.Serialization _serialization = host.Serialization;

    public static TheoryData<string> MessageNames() => new(MessageTypes.All.Select(MessageTypes.ManifestOf).Order());

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Every_message_type_round_trips_through_the_serializer_akka_picks(string name)
    {
        var type = MessageTypes.TypeOf(name);
        var sample = MessageSamples.Of(type);

        var serializer = _serialization.FindSerializerFor(sample);
        var bytes = serializer.ToBinary(sample);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);
        var back = _serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType<FleetKeysJsonSerializer>(serializer);
        Assert.Equal(name, manifest);
        Assert.IsType(type, back);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), System.Text.Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Fact]
    public void A_person_changes_origin_survives_the_journal()
    {
        var at = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var renamed = new Domain.People.PersonRenamed(new Domain.Ids.PersonId("alice"), "Alice", at) { Origin = Domain.People.ChangeOrigin.ScimToken("idp") };
        var rename = new Domain.People.RenamePerson(new Domain.Ids.PersonId("alice"), "Alice", at) { Origin = Domain.People.ChangeOrigin.Import("ab") };

        Assert.Equal(Domain.People.ChangeOrigin.ScimToken("idp"), RoundTrip(renamed).Origin);
        Assert.Equal(Domain.People.ChangeOrigin.Import("ab"), RoundTrip(rename).Origin);
    }

    [Fact]
    public void A_revocations_relocks_and_a_slots_voided_and_lapsed_releases_survive_a_snapshot()
    {
        var slot = new Domain.Ids.SlotId(new Domain.Ids.CabinetId("lobby"), 3);
        var grant = Domain.Ids.GrantId.New();
        var at = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var progress = new Domain.People.RevocationProgress(2, at, ImmutableDictionary<Domain.Ids.ControllerId, DateTimeOffset>.Empty)
        {
            Relocks = ImmutableDictionary<Domain.Ids.SlotId, Domain.People.SlotRelock>.Empty
                .Add(slot, new Domain.People.SlotRelock(grant, Domain.People.RelockState.Relocked, at)),
        };
        var custody = Domain.KeySlots.KeySlotState.Empty(slot) with
        {
            Voided = new Domain.KeySlots.VoidedRelease(grant, new Domain.Ids.PersonId("mallory"), 2, at),
            Lapsed = new Domain.KeySlots.LapsedRelease(grant, new Domain.Ids.PersonId("alice"), at, new Domain.Ids.PersonId("bob")),
        };

        Assert.Equal(progress.Relocks, RoundTrip(progress).Relocks);
        Assert.Equal(custody.Voided, RoundTrip(custody).Voided);
        Assert.Equal(custody.Lapsed, RoundTrip(custody).Lapsed);
    }

    [Fact]
    public void A_slots_open_and_cleared_faults_survive_a_snapshot()
    {
        var slot = new Domain.Ids.SlotId(new Domain.Ids.CabinetId("lobby"), 3);
        var at = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var open = new Domain.KeySlots.KeyFault(Domain.Ids.FaultId.New(), Domain.KeySlots.FaultSeverity.Critical, "brakes faulty",
            new Domain.Ids.PersonId("alice"), "cabinet lobby", at);
        var custody = Domain.KeySlots.KeySlotState.Empty(slot) with { OpenFaults = [open], ClearedFaults = [Domain.Ids.FaultId.New()] };

        var read = RoundTrip(custody);

        Assert.Equal([open], read.OpenFaults);
        Assert.Equal(custody.ClearedFaults, read.ClearedFaults);
        Assert.Equal(Domain.RejectionCode.KeyFaulted, read.CheckFaulted()!.Code);
    }

    private T RoundTrip<T>(T message) where T : class
    {
        var serializer = _serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        return (T)_serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    private sealed record NotBound(string Value);

    private sealed record Unnamed(string Value) : Domain.IFleetKeysMessage;

    [Fact]
    public void A_type_without_a_binding_is_refused()
    {
        var error = Record.Exception(() => _serialization.FindSerializerFor(new NotBound("x")));
        Assert.NotNull(error);
        Assert.Contains("allow-unregistered-types", error.Message);
    }

    [Fact]
    public void A_message_type_the_contract_does_not_name_is_refused_naming_it()
    {
        var serializer = _serialization.FindSerializerFor(new Unnamed("x"));

        var error = Assert.Throws<ArgumentException>(() => Akka.Serialization.Serialization.ManifestFor(serializer, new Unnamed("x")));
        Assert.Contains(typeof(Unnamed).FullName!, error.Message);
        Assert.Contains(nameof(MessageContract), error.Message);
    }

    [Fact]
    public void A_name_the_contract_does_not_hold_is_refused_naming_it()
    {
        var error = Record.Exception(() => _serialization.Deserialize("{}"u8.ToArray(), FleetKeysJsonSerializer.Id, "keyslot.teleported.v1"));

        Assert.IsType<System.Runtime.Serialization.SerializationException>(error);
        Assert.Contains("'keyslot.teleported.v1'", error.Message);
    }

    [Fact]
    public void A_row_written_before_the_contract_is_refused_saying_to_start_the_data_folder_afresh()
    {
        var error = Record.Exception(() => _serialization.Deserialize("{}"u8.ToArray(), FleetKeysJsonSerializer.Id, "KeyTaken"));

        Assert.IsType<System.Runtime.Serialization.SerializationException>(error);
        Assert.Contains("'KeyTaken'", error.Message);
        Assert.Contains("fresh", error.Message);
        Assert.Contains("docs/operations.md", error.Message);
    }
}
