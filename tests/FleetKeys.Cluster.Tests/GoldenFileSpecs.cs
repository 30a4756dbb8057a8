using System.Text.Json.Nodes;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Journals already written must stay readable: Golden/ holds one event or snapshot of every stored name exactly as the
/// journal stores it (the file is the serializer's bytes, its name the manifest), and each must still be read by the
/// production serializer with every field it holds. A renamed or retyped property, a renamed manifest or a stored type
/// without a sample fails here. A field added with a default passes: old rows simply lack it.
/// To add the sample of a new stored name, run once with FLEETKEYS_WRITE_GOLDEN=1: only missing files are written, never
/// an existing one (that would hide the very break this guards against); check the new file in. A field added since keeps
/// the name, and the shape that holds it has a sample of its own beside the first, <c>{name}@{shape}.json</c>, read alike.
/// </summary>
public sealed class GoldenFileSpecs(SerializationHost host) : IClassFixture<SerializationHost>
{
    private static readonly string Folder = RepositoryPaths.File("tests", "FleetKeys.Cluster.Tests", "Golden");
    private static readonly bool Write = Environment.GetEnvironmentVariable("FLEETKEYS_WRITE_GOLDEN") == "1";

    private readonly Akka.Serialization.Serialization _serialization = host.Serialization;

    public static TheoryData<string> Samples() => new(MessageContract.Stored.Select(n => n.Name)
        .Concat(Directory.GetFiles(Folder, "*@*.json").Select(f => Path.GetFileNameWithoutExtension(f))).Order());

    private static string NameOf(string sample) => sample.Split('@')[0];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_stored_event_or_snapshot_written_before_is_read_with_every_field_it_holds(string sample)
    {
        var name = NameOf(sample);
        var file = Path.Combine(Folder, sample + ".json");
        if (!File.Exists(file) && Write)
            File.WriteAllBytes(file, _serialization.FindSerializerForType(MessageTypes.TypeOf(name)).ToBinary(MessageSamples.Of(MessageTypes.TypeOf(name))));
        Assert.True(File.Exists(file), $"{name} has no golden sample: run this spec once with FLEETKEYS_WRITE_GOLDEN=1 and check {file} in");

        var stored = File.ReadAllBytes(file);
        var read = _serialization.Deserialize(stored, FleetKeysJsonSerializer.Id, name);

        Assert.IsType(MessageTypes.TypeOf(name), read);
        var again = JsonNode.Parse(_serialization.FindSerializerFor(read).ToBinary(read));
        AssertHolds(JsonNode.Parse(stored), again, sample);
    }

    [Fact]
    public void Every_golden_sample_is_a_name_journals_may_hold()
    {
        var readable = MessageContract.Stored.Select(n => n.Name).Concat(Upcasters.All.Select(u => u.From)).ToHashSet();

        var strays = Directory.GetFiles(Folder, "*.json").Select(f => NameOf(Path.GetFileNameWithoutExtension(f))).Except(readable);

        Assert.Equal([], strays);
    }

    [Fact]
    public void A_retired_versions_golden_sample_is_read_through_its_upcaster()
    {
        foreach (var upcaster in Upcasters.All)
        {
            var stored = File.ReadAllBytes(Path.Combine(Folder, upcaster.From + ".json"));
            Assert.NotNull(_serialization.Deserialize(stored, FleetKeysJsonSerializer.Id, upcaster.From));
        }
    }

    /// <summary>Every value the stored row holds comes back, at the same place; values the type gained since may be added.</summary>
    private static void AssertHolds(JsonNode? stored, JsonNode? now, string path)
    {
        switch (stored)
        {
            case JsonObject fields:
                var nowFields = Assert.IsType<JsonObject>(now);
                foreach (var (field, value) in fields)
                {
                    Assert.True(nowFields.ContainsKey(field), $"{path}.{field} is no longer read: a journal that holds it would lose it");
                    AssertHolds(value, nowFields[field], $"{path}.{field}");
                }
                break;
            case JsonArray items:
                var nowItems = Assert.IsType<JsonArray>(now);
                Assert.Equal(items.Count, nowItems.Count);
                for (var i = 0; i < items.Count; i++) AssertHolds(items[i], nowItems[i], $"{path}[{i}]");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(stored, now), $"{path} was {stored?.ToJsonString() ?? "null"}, now reads {now?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
