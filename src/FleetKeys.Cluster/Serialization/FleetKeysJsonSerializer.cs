using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// System.Text.Json for every FleetKeys command, event, reply and snapshot. Payloads stay human-readable in the
/// journal (an audit trail people may need to read), and the manifest is the type's registered name
/// (<see cref="MessageContract"/>), never its C# name.
/// </summary>
public sealed class FleetKeysJsonSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    // Resolved on first use: the host's services (the key store) are there by then, not when Akka builds its serializers.
    private readonly Lazy<StoredJson> _json = new(() => StoredJson.For(system));

    public const int Id = 1701;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public override int Identifier => Id;

    /// <summary>This system's stored form (personal fields sealed when the node keeps a key store).</summary>
    public StoredJson Json => _json.Value;

    public override string Manifest(object o) => MessageTypes.ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => MessageTypes.Production.Write(obj, Json.Stored);

    public override object FromBinary(byte[] bytes, string manifest) => MessageTypes.Production.Read(bytes, manifest, Json.Stored);
}
