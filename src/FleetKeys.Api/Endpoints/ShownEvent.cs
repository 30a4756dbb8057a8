using System.Text.Json;
using System.Text.Json.Nodes;
using FleetKeys.Domain.People;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// A journal event as a view shows it: a personal value still sealed on reading — its key destroyed by an erasure or by
/// retention — shows as the erased person it was about, never in its sealed form (the audit alone keeps that, for its chain).
/// </summary>
internal static class ShownEvent
{
    public static JsonNode? Of(object @event, JsonSerializerOptions options)
    {
        var node = JsonSerializer.SerializeToNode(@event, @event.GetType(), options);
        Show(node);
        return node;
    }

    private static void Show(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (name, value) in fields.ToList())
                    if (Erased(value) is { } shown) fields[name] = shown;
                    else Show(value);
                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                    if (Erased(items[i]) is { } shown) items[i] = shown;
                    else Show(items[i]);
                break;
        }
    }

    private static JsonValue? Erased(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && ErasedPerson.IsSealed(text) ? JsonValue.Create(ErasedPerson.Shown(text)) : null;
}
