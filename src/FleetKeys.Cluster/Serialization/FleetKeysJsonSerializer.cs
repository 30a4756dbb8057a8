using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// System.Text.Json for every FleetKeys command, event, reply and snapshot. Payloads stay human-readable in the
/// journal (an audit trail people may need to read), and the manifest names the concrete type.
/// </summary>
public sealed class FleetKeysJsonSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 1701;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public override int Identifier => Id;

    public override string Manifest(object o) => MessageTypes.ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, MessageTypes.TypeOf(manifest), Options)
        ?? throw new System.Runtime.Serialization.SerializationException($"a null payload for manifest '{manifest}'");
}
