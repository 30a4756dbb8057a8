using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FleetKeys.Domain;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// What of a stored fact may leave the node: the fact as the journal holds it, less every field marked
/// <see cref="SecretAttribute"/> (a PIN hash, a typed PIN) at any depth. The one place that decides it: the audit log
/// is written through it, so its API, CSV export and fleetctl's export — and the hash chain over them — never hold a
/// secret; the journal keeps the full fact for the entities that need it.
/// </summary>
public static class PublicView
{
    private static readonly Lazy<IReadOnlyList<Type>> Bearing =
        new(() => [.. MessageTypes.All.Where(t => Carries(t, [])).OrderBy(t => t.Name)]);

    public static readonly JsonSerializerOptions Options = new(FleetKeysJsonSerializer.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutSecrets } },
    };

    public static string Json(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    /// <summary>Every registered message type that carries a secret somewhere in it: found, never listed by hand.</summary>
    public static IReadOnlyList<Type> SecretBearingTypes => Bearing.Value;

    private static bool IsSecret(PropertyInfo property) => property.IsDefined(typeof(SecretAttribute), inherit: true);

    /// <summary>The resolver step that leaves secrets out, for the sealing options too (<see cref="StoredJson"/>).</summary>
    public static void LeaveOutSecrets(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
            if (property.AttributeProvider is PropertyInfo declared && IsSecret(declared))
                property.ShouldSerialize = static (_, _) => false;
    }

    private static bool Carries(Type type, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || !seen.Add(type)) return false;
        if (type.IsGenericType && type.GetGenericArguments().Any(a => Carries(a, seen))) return true;
        if (type.IsArray) return Carries(type.GetElementType()!, seen);
        if (type.Namespace?.StartsWith("FleetKeys", StringComparison.Ordinal) != true) return false;
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => IsSecret(p) || Carries(p.PropertyType, seen));
    }
}
