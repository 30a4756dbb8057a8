using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using FleetKeys.Domain;

namespace FleetKeys.Testing;

/// <summary>
/// Builds a fully populated instance of any message type, so no field escapes a spec over every type. With a
/// <c>secret</c>, every field marked <see cref="SecretAttribute"/> holds it, at any depth, so a spec can look for it.
/// </summary>
public static class MessageSamples
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 29, 1, 30, 15, TimeSpan.Zero);

    public static object Of(Type type, string? secret = null)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return Of(underlying, secret);
        if (type == typeof(string)) return "sample";
        if (type.IsPrimitive && type != typeof(bool) && type != typeof(char)) return Convert.ChangeType(3, type);
        if (type == typeof(bool)) return true;
        if (type == typeof(Guid)) return new Guid("0b3c5a5e-8d0f-4a55-9a7e-2f6f1f0d9c11");
        if (type == typeof(DateTimeOffset)) return Instant;
        if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(90);
        if (type == typeof(TimeOnly)) return new TimeOnly(17, 30);
        if (type == typeof(DateOnly)) return new DateOnly(2026, 3, 29);
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();
        if (type.IsGenericType) return Collection(type, secret);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var sample = constructor.Invoke(constructor.GetParameters().Select(p => Argument(type, p, secret)).ToArray());
        if (secret is not null)
            foreach (var property in type.GetProperties().Where(p => p.IsDefined(typeof(SecretAttribute)) && p.PropertyType == typeof(string) && p.CanWrite))
                property.SetValue(sample, secret);
        return sample;
    }

    private static object Argument(Type owner, ParameterInfo parameter, string? secret) =>
        secret is not null && parameter.ParameterType == typeof(string)
                           && owner.GetProperty(parameter.Name!)?.IsDefined(typeof(SecretAttribute)) == true
            ? secret
            : Of(parameter.ParameterType, secret);

    private static object Collection(Type type, string? secret)
    {
        var definition = type.GetGenericTypeDefinition();
        var args = type.GetGenericArguments();
        if (definition == typeof(ImmutableDictionary<,>))
        {
            var create = typeof(ImmutableDictionary).GetMethods()
                .Single(m => m.Name == nameof(ImmutableDictionary.Create) && m.GetParameters().Length == 0)
                .MakeGenericMethod(args);
            var empty = create.Invoke(null, null)!;
            return type.GetMethod("Add")!.Invoke(empty, [Of(args[0], secret), Of(args[1], secret)])!;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args[0]))!;
        list.Add(Of(args[0], secret));
        if (definition == typeof(ImmutableList<>))
            return typeof(ImmutableList).GetMethods()
                .Single(m => m.Name == nameof(ImmutableList.CreateRange))
                .MakeGenericMethod(args[0]).Invoke(null, [list])!;
        return list;
    }
}
