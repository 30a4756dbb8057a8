using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.DependencyInjection;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// The JSON of one actor system's stored facts: <see cref="Stored"/> as the journal holds them (personal fields sealed
/// under their person's key when the node has a key store, <see cref="PersonKeys"/>) and <see cref="Public"/> as the
/// audit log holds them (the same, less secrets). Each actor system has its own, because each node has its own key store
/// and a test process runs several nodes: everything that writes or re-derives a stored form asks the system for it.
/// </summary>
public sealed class StoredJson
{
    /// <summary>Without a key store: every field as it is (tests of the contract, tools reading a journal offline).</summary>
    public static readonly StoredJson Clear = new(FleetKeysJsonSerializer.Options, PublicView.Options, null);

    private readonly (PersonKeys Keys, PersonalFields Fields)? _sealing;

    private StoredJson(JsonSerializerOptions stored, JsonSerializerOptions @public, (PersonKeys, PersonalFields)? sealing)
    {
        Stored = stored;
        Public = @public;
        _sealing = sealing;
    }

    public JsonSerializerOptions Stored { get; }

    public JsonSerializerOptions Public { get; }

    public static StoredJson Sealing(PersonKeys keys)
    {
        var fields = new PersonalFields(new PersonalSeal(keys));
        var stored = new JsonSerializerOptions(FleetKeysJsonSerializer.Options)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { fields.Modify } },
        };
        stored.Converters.Add(fields.Badges);
        stored.Converters.Add(fields.ExternalIds);
        var @public = new JsonSerializerOptions(stored)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { fields.Modify, PublicView.LeaveOutSecrets } },
        };
        return new StoredJson(stored, @public, (keys, fields));
    }

    /// <summary>The system's own: its FleetKeys serializer's.</summary>
    public static StoredJson Of(ActorSystem system) =>
        system.Serialization.FindSerializerForType(typeof(IFleetKeysMessage)) is FleetKeysJsonSerializer serializer ? serializer.Json : Clear;

    /// <summary>A system whose host registered a key store seals; one without (a bare test system) writes in clear.</summary>
    internal static StoredJson For(ExtendedActorSystem system)
    {
        PersonKeys? keys;
        try
        {
            keys = DependencyResolver.For(system).Resolver.GetService<PersonKeys>();
        }
        catch (Exception e) when (e is InvalidOperationException or Akka.Configuration.ConfigurationException)
        {
            keys = null;
        }

        return keys is null ? Clear : Sealing(keys);
    }

    /// <summary>
    /// Reads or makes, before <paramref name="facts"/> are persisted, the person keys they will be sealed under
    /// (<see cref="PersonKeys.Prepare"/>): null when every one is at hand or nothing is sealed.
    /// </summary>
    public Task? PrepareKeys(IEnumerable<object> facts) => _sealing is { Keys: var keys, Fields: var fields } ? keys.Prepare(fields.KeysOf(facts, Stored)) : null;

    /// <summary>A fact's public view, as an audit row's payload holds it.</summary>
    public string Payload(object message) => JsonSerializer.Serialize(message, message.GetType(), Public);

    public object? Read(string json, Type type) => JsonSerializer.Deserialize(json, type, Stored);
}
