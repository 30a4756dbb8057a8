using System.Collections.Frozen;
using System.Reflection;
using FleetKeys.Domain;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// The manifest of every serializable type is its simple name: stable across namespace moves and short in the journal.
/// The set is every concrete <see cref="IFleetKeysMessage"/> in the domain assembly; a duplicate name fails at start-up.
/// </summary>
public static class MessageTypes
{
    private static readonly Lazy<(FrozenDictionary<string, Type> ByManifest, FrozenDictionary<Type, string> ByType)> Tables = new(Build);

    public static IReadOnlyCollection<Type> All => Tables.Value.ByType.Keys;

    public static string ManifestOf(Type type) =>
        Tables.Value.ByType.TryGetValue(type, out var manifest)
            ? manifest
            : throw new ArgumentException($"{type.FullName} is not a registered FleetKeys message type");

    public static Type TypeOf(string manifest) =>
        Tables.Value.ByManifest.TryGetValue(manifest, out var type)
            ? type
            : throw new ArgumentException($"unknown FleetKeys manifest '{manifest}'");

    private static (FrozenDictionary<string, Type>, FrozenDictionary<Type, string>) Build()
    {
        var types = typeof(IFleetKeysMessage).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IFleetKeysMessage).IsAssignableFrom(t))
            .ToList();
        var duplicate = types.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two message types share the manifest '{duplicate.Key}': {string.Join(", ", duplicate)}");
        return (types.ToFrozenDictionary(t => t.Name), types.ToFrozenDictionary(t => t, t => t.Name));
    }
}
