using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Cluster.Projections.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>Which events to stream (of a site, of a cabinet), and where to resume: after Last-Event-ID, or ?lastEventId= where a client cannot send headers.</summary>
public sealed record EventsQuery(string? SiteId, string? CabinetId, long? ResumeAfter) : Query<EventsQuery>, IQuery<EventsQuery>
{
    public static EventsQuery Read(QueryArguments query)
    {
        var (siteId, cabinetId) = (query.Id("siteId"), query.Id("cabinetId"));
        var resumeAfter = query.Header("Last-Event-ID") ?? query.Raw("lastEventId");
        long after = 0;
        query.Check(resumeAfter is null || long.TryParse(resumeAfter, NumberStyles.None, CultureInfo.InvariantCulture, out after),
            "Last-Event-ID", "must be the id of an event this stream sent");
        return new(siteId, cabinetId, resumeAfter is null ? null : after);
    }
}

/// <summary>
/// Server-Sent Events of custody changes and alarms, optionally for one site or cabinet. Each event's id is its journal
/// position: reconnecting with Last-Event-ID (or ?lastEventId=) resumes right after it, however long the gap.
/// </summary>
public static class LiveEndpoints
{
    /// <summary>Proxies drop connections that stay silent; a heartbeat (with no id, so resuming is unaffected) keeps it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapLive(this RouteGroupBuilder api)
    {
        api.MapGet("/events", async (EventsQuery query, ReadScope scope, LiveFeed feed, ActorSystem system, CancellationToken ct) =>
        {
            var after = query.ResumeAfter ?? await feed.Head(ct);
            return TypedResults.ServerSentEvents(Items(feed.After(after, query.SiteId, query.CabinetId, scope.Visible), system, ct));
        }).WithTags("Live").Scoped(ScopeRule.Filtered).Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesValidationProblem();
        return api;
    }

    private static async IAsyncEnumerable<SseItem<object>> Items(Source<LiveEvent, Akka.NotUsed> events, ActorSystem system,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var heartbeat = new LiveEvent(null, "heartbeat", null, null, new { });
        // The response's headers leave with its first item: a heartbeat at once tells the subscriber it is connected,
        // where a quiet fleet would otherwise keep it waiting for headers until the first keep-alive.
        var stream = Source.Single(heartbeat).Concat(events.KeepAlive(Heartbeat, () => heartbeat));
        await foreach (var e in stream.RunAsAsyncEnumerable(system.Materializer()).WithCancellation(cancellationToken))
            yield return new SseItem<object>(e.Data, e.Type) { EventId = e.Id?.ToString(CultureInfo.InvariantCulture) };
    }
}
