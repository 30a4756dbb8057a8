using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Retention;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// The one place that seals personal fields (<see cref="PersonalAttribute"/>) as the journal stores them, for every event
/// and snapshot alike. A converter writing a value does not see the object holding it, so each property getter of a type
/// with personal fields first says whose field is being written (the person its attribute names, or no one), and the
/// string and badge converters seal under that person's key. A marked property holding a nested record passes its person
/// down to that record's <see cref="PersonalAttribute.Enclosing"/> fields, which name no person of their own. A field of
/// custody history (<see cref="PersonalAttribute.Period"/>) is sealed under the person's key of its fact's period at its
/// fact's site (<see cref="HistoryPart"/>), both taken from the fact itself so that a fact written again seals to the same
/// text: a record with a site of its own (its one <see cref="SiteId"/> property, found once per type) says so when it
/// starts being written, and a history field takes the site of the nearest such record — its own, or the one holding it;
/// none (a fact recorded before sites were kept): the form without a site.
/// Reading needs no such help: a sealed value names its person.
/// A value stored in clear before (an older journal) reads as it was.
/// </summary>
public sealed class PersonalFields(PersonalSeal seal)
{
    // Whose field is being written, and under which part of their history (null: their own key).
    [ThreadStatic] private static (PersonId Person, HistoryPart? Part)? _writingFor;

    // The person (and part) a marked property holding a nested record passed down to that record's Enclosing fields.
    [ThreadStatic] private static (PersonId Person, HistoryPart? Part)? _passedDown;

    // The sites of the records being written that have one (null: a fact without it), innermost on top.
    [ThreadStatic] private static Stack<SiteId?>? _sites;

    // While set, a write notes whose key each personal field would be sealed under instead of sealing it.
    [ThreadStatic] private static HashSet<(PersonId Person, HistoryPart? Part)>? _noting;

    /// <summary>Options-wide: badges and external ids are sealed wherever a personal field holds them, alone or in a list.</summary>
    public JsonConverter Badges { get; } = new IdConverter<BadgeNumber>(seal);

    /// <inheritdoc cref="Badges"/>
    public JsonConverter ExternalIds { get; } = new IdConverter<ExternalId>(seal);

    private readonly JsonConverter _strings = new StringConverter(seal);

    /// <summary>
    /// The keys <paramref name="facts"/> will be sealed under when the journal writes them: each is written once with
    /// <paramref name="options"/> (this instance's), every personal field noting its person and part instead of being sealed,
    /// so the answer is exactly what the journal's writing will ask the key store for.
    /// </summary>
    public IReadOnlyCollection<(PersonId Person, HistoryPart? Part)> KeysOf(IEnumerable<object> facts, JsonSerializerOptions options)
    {
        var noted = new HashSet<(PersonId Person, HistoryPart? Part)>();
        _noting = noted;
        try
        {
            foreach (var fact in facts) JsonSerializer.Serialize(Stream.Null, fact, fact.GetType(), options);
        }
        finally
        {
            _noting = null;
        }

        return noted;
    }

    public void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        if (SiteOf(info.Type) is { } site) Carry(info, site);
        if (!info.Properties.Any(p => AttributeOf(p) is not null)) return;
        // A nested record's own fields leave the person passed down to it for its Enclosing fields.
        var nested = info.Properties.Any(p => AttributeOf(p)?.Of == PersonalAttribute.Enclosing);
        foreach (var property in info.Properties)
        {
            if (property.Get is not { } get) continue;
            if (AttributeOf(property) is not { } personal)
            {
                property.Get = target =>
                {
                    _writingFor = null;
                    if (!nested) _passedDown = null;
                    return get(target);
                };
                continue;
            }

            if (property.PropertyType == typeof(string)) property.CustomConverter = _strings;
            if (personal.Of == PersonalAttribute.Enclosing)
            {
                property.Get = target =>
                {
                    _writingFor = _passedDown;
                    return get(target);
                };
                continue;
            }

            var owner = Sibling(info, property, personal.Of);
            var time = personal.Period is { } named ? Sibling(info, property, named) : null;
            property.Get = target =>
            {
                _writingFor = owner.GetValue(target) is PersonId person
                    ? (person, time?.GetValue(target) is DateTimeOffset at ? new HistoryPart(HistoryPeriod.Of(at), _sites?.Count > 0 ? _sites.Peek() : null) : null)
                    : null;
                _passedDown = _writingFor;
                return get(target);
            };
        }

        var after = info.OnSerialized;
        info.OnSerialized = target =>
        {
            _writingFor = null;
            if (!nested) _passedDown = null;
            after?.Invoke(target);
        };
    }

    /// <summary>The record's own site, if it has one: its one <see cref="SiteId"/> property (a default one is none).</summary>
    private static Func<object, SiteId?>? SiteOf(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.PropertyType == typeof(SiteId) || p.PropertyType == typeof(SiteId?))).ToList();
        return properties is [var site]
            ? target => site.GetValue(target) is SiteId { Value: not null } known ? known : null
            : null;
    }

    /// <summary>While such a record is written its site is the one its history fields, and those of the records it holds, are kept under.</summary>
    private static void Carry(JsonTypeInfo info, Func<object, SiteId?> site)
    {
        var before = info.OnSerializing;
        info.OnSerializing = target =>
        {
            (_sites ??= new()).Push(site(target));
            before?.Invoke(target);
        };
        var after = info.OnSerialized;
        info.OnSerialized = target =>
        {
            after?.Invoke(target);
            _sites?.TryPop(out _);
        };
    }

    private static PropertyInfo Sibling(JsonTypeInfo info, JsonPropertyInfo property, string name) =>
        info.Type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{info.Type.Name}.{property.Name} is personal to '{name}', which it does not have");

    private static PersonalAttribute? AttributeOf(JsonPropertyInfo property) =>
        property.AttributeProvider is PropertyInfo declared ? declared.GetCustomAttribute<PersonalAttribute>(inherit: true) : null;

    private static string Sealed(PersonalSeal seal, string value)
    {
        if (_writingFor is not { } field) return value;
        if (_noting is null) return seal.Seal(field.Person, field.Part, value);
        if (!ErasedPerson.IsSealed(value)) _noting.Add(field);
        return value;
    }

    private sealed class StringConverter(PersonalSeal seal) : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } value ? seal.Open(value) : null;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Sealed(seal, value));
    }

    /// <summary>A badge or an external id: sealed where a personal field holds it; a sealed one whose person is erased reads as such.</summary>
    private sealed class IdConverter<T>(PersonalSeal seal) : JsonConverter<T> where T : ISealableId<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString() ?? throw new JsonException($"{typeof(T).Name} must be a string");
            var opened = seal.Open(value);
            return ErasedPerson.IsSealed(opened) ? T.Erased(opened) : T.Parse(opened);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Sealed(seal, value.Value));

        // An id as a dictionary key stays clear: no stored fact keys a map by badge or external id.
        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            T.Parse(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.Value);
    }
}
