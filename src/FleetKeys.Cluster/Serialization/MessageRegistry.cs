using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetKeys.Cluster.Persistence;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// Reads and writes messages by their registered names, both ways: a type without a name is refused when written, a
/// name without a type when read, and a name kept only by an upcaster is read as the version that replaced it.
/// </summary>
public sealed class MessageRegistry
{
    private readonly FrozenDictionary<string, Type> _byName;
    private readonly FrozenDictionary<Type, string> _byType;
    private readonly FrozenDictionary<string, Upcaster> _upcasters;

    public MessageRegistry(IEnumerable<MessageName> names, IEnumerable<Upcaster> upcasters)
    {
        var all = names.ToList();
        if (all.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1) is { } sharedName)
            throw new InvalidOperationException($"two message types share the name '{sharedName.Key}': {string.Join(", ", sharedName.Select(n => n.Type.FullName))}");
        if (all.GroupBy(n => n.Type).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"{twice.Key.FullName} is registered under two names: {string.Join(", ", twice.Select(n => n.Name))}");
        var retired = upcasters.ToList();
        if (retired.FirstOrDefault(u => all.Any(n => n.Name == u.From)) is { } clash)
            throw new InvalidOperationException($"'{clash.From}' is both a current name and one an upcaster reads");
        _byName = all.ToFrozenDictionary(n => n.Name, n => n.Type);
        _byType = all.ToFrozenDictionary(n => n.Type, n => n.Name);
        _upcasters = retired.ToFrozenDictionary(u => u.From);
    }

    public IReadOnlyCollection<Type> Types => _byType.Keys;

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name)
            ? name
            : throw new ArgumentException($"{type.FullName} is not a registered FleetKeys message type: give it a name in {nameof(MessageContract)}");

    public Type TypeOf(string name) =>
        _byName.TryGetValue(name, out var type) ? type : throw Unknown(name);

    /// <summary>In clear unless <paramref name="options"/> seal (<see cref="StoredJson"/>).</summary>
    public byte[] Write(object message, JsonSerializerOptions? options = null) =>
        JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), options ?? FleetKeysJsonSerializer.Options);

    public object Read(byte[] bytes, string name, JsonSerializerOptions? options = null)
    {
        if (_byName.TryGetValue(name, out var type)) return Deserialize(bytes, type, name, options ?? FleetKeysJsonSerializer.Options);
        if (!_upcasters.TryGetValue(name, out var upcaster)) throw Unknown(name);
        var current = upcaster.Upcast(JsonNode.Parse(bytes) ?? throw new SerializationException($"a null payload for '{name}'"));
        return Read(JsonSerializer.SerializeToUtf8Bytes(current), upcaster.To, options);
    }

    private static object Deserialize(byte[] bytes, Type type, string name, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(bytes, type, options)
        ?? throw new SerializationException($"a null payload for '{name}'");

    /// <summary>
    /// Before the stored contract, a row's manifest was its C# type's name (no dot): such a journal is named, not
    /// misread, so an operator learns to start that data folder afresh (docs/operations.md).
    /// </summary>
    private static SerializationException Unknown(string name) =>
        new(PreContract.IsOldName(name)
            ? $"'{name}' is a message name from before the stored contract (a C# type name): {PreContract.WhatToDo}"
            : $"unknown FleetKeys message name '{name}'");
}

/// <summary>
/// Reads a retired version of a stored event: turns its JSON into the JSON of the version named <see cref="To"/> (itself
/// current or retired, so versions chain). The retired name stays readable for good, since journals keep it.
/// </summary>
public sealed record Upcaster(string From, string To, Func<JsonNode, JsonNode> Upcast);
