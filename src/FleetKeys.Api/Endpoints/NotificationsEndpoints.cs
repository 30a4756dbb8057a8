using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Cluster.Projections;
using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record QuietHoursDto(string? From, string? To);

public enum NotificationChannel
{
    Webhook,
    Email,
}

public sealed record SubscriptionRequest(
    NotificationChannel? Channel, string? Url, IReadOnlyList<string>? Emails, bool? ToHolder, bool? ToManager,
    IReadOnlyList<AlarmKind>? Kinds, IReadOnlyList<string>? SiteIds, QuietHoursDto? QuietHours);

/// <summary>A subscription as read back; <c>Secret</c> only in the answer to its creation (it is stored sealed).</summary>
public sealed record SubscriptionView(
    string Id, NotificationChannel Channel, string? Url, IReadOnlyList<string> Emails, bool ToHolder, bool ToManager,
    IReadOnlyList<string> Kinds, IReadOnlyList<string> SiteIds, QuietHoursDto? QuietHours, DateTimeOffset CreatedAt, string? Secret)
{
    public static SubscriptionView Of(SubscriptionRow s, string? secret = null) => new(
        s.SubscriptionId, Enum.Parse<NotificationChannel>(s.Channel, ignoreCase: true), s.Url, SubscriptionRow.Split(s.Recipients),
        s.ToHolder, s.ToManager, SubscriptionRow.Split(s.Kinds), SubscriptionRow.Split(s.Sites),
        s.QuietFrom is null ? null : new QuietHoursDto(s.QuietFrom, s.QuietTo), Ticks.Instant(s.CreatedAt), secret);
}

public sealed record DeadLetterView(
    string Id, string NoticeId, string SubscriptionId, string Kind, int Attempts, string? LastError, DateTimeOffset? FailedAt, string Payload)
{
    public static DeadLetterView Of(DeliveryRow d) =>
        new(d.DeliveryId, d.NoticeId, d.SubscriptionId, d.Kind, d.Attempts, d.LastError, Ticks.Instant(d.FinishedAt), d.Payload);
}

public static class NotificationsEndpoints
{
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").Scoped(ScopeRule.Everything).RequireAuthorization(Policies.Configure);

        notifications.MapPost("/subscriptions", async (Body<SubscriptionRequest> body, NotificationStore store, CancellationToken ct) =>
        {
            var r = body.Value;
            var check = new Validator().Required("channel", r.Channel);
            if (ToRow(r, check) is not { } row || !check.IsValid) return check.Problem();
            row.Channel = r.Channel!.Value == NotificationChannel.Email ? SubscriptionRow.Email : SubscriptionRow.Webhook;
            var (created, secret) = await store.Create(row, ct);
            return Results.Created($"/api/v1/notifications/subscriptions/{created.SubscriptionId}", SubscriptionView.Of(created, secret));
        }).Produces<SubscriptionView>(StatusCodes.Status201Created).ProducesValidationProblem();

        notifications.MapGet("/subscriptions", async (NotificationStore store, CancellationToken ct) =>
            Results.Ok((await store.Subscriptions(ct)).Select(s => SubscriptionView.Of(s)).ToList())).Produces<List<SubscriptionView>>();

        notifications.MapGet("/subscriptions/{id}", async (string id, NotificationStore store, CancellationToken ct) =>
            await store.Subscription(id, ct) is { } s ? Results.Ok(SubscriptionView.Of(s)) : NotFound("subscription", id)).Produces<SubscriptionView>();

        notifications.MapPut("/subscriptions/{id}", async (string id, Body<SubscriptionRequest> body, NotificationStore store, CancellationToken ct) =>
        {
            if (await store.Subscription(id, ct) is not { } existing) return NotFound("subscription", id);
            var r = body.Value;
            var check = new Validator().Check(r.Channel is null || r.Channel.Value.ToString().Equals(existing.Channel, StringComparison.OrdinalIgnoreCase),
                "channel", "cannot change; create another subscription");
            if (ToRow(r with { Channel = Enum.Parse<NotificationChannel>(existing.Channel, ignoreCase: true) }, check) is not { } row || !check.IsValid)
                return check.Problem();
            row.SubscriptionId = id;
            return await store.Update(row, ct) ? Results.Ok(SubscriptionView.Of((await store.Subscription(id, ct))!)) : NotFound("subscription", id);
        }).Produces<SubscriptionView>().ProducesValidationProblem();

        notifications.MapDelete("/subscriptions/{id}", async (string id, NotificationStore store, CancellationToken ct) =>
            await store.Delete(id, ct) ? Results.NoContent() : NotFound("subscription", id)).Produces(StatusCodes.Status204NoContent);

        notifications.MapGet("/dead-letters", async (NotificationStore store, CancellationToken ct) =>
            Results.Ok((await store.DeadLetters(ct)).Select(DeadLetterView.Of).ToList())).Produces<List<DeadLetterView>>();

        notifications.MapPost("/dead-letters/{id}/retry", async (string id, NotificationStore store, CancellationToken ct) =>
            await store.Retry(id, ct) ? Results.Accepted() : NotFound("dead letter", id)).Produces(StatusCodes.Status202Accepted);
        return api;
    }

    private static IResult NotFound(string what, string id) =>
        RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"{what} '{id}' does not exist"));

    /// <summary>Checks a request for its channel and makes the row it describes; null when the channel is missing.</summary>
    private static SubscriptionRow? ToRow(SubscriptionRequest r, Validator check)
    {
        if (r.Channel is not { } channel) return null;
        var emails = r.Emails ?? [];
        if (channel == NotificationChannel.Webhook)
            check.Check(Uri.TryCreate(r.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https", "url", "must be an absolute http or https URL")
                .Check(emails.Count == 0 && r.ToHolder != true && r.ToManager != true, "emails", "are for email subscriptions");
        else
            check.Check(r.Url is null, "url", "is for webhook subscriptions")
                .Check(emails.Count > 0 || r.ToHolder == true || r.ToManager == true, "emails", "are required unless toHolder or toManager is set");
        for (var i = 0; i < emails.Count; i++) check.Email($"emails[{i}]", emails[i] ?? "");
        var sites = r.SiteIds ?? [];
        for (var i = 0; i < sites.Count; i++) check.Id($"siteIds[{i}]", sites[i]);
        TimeOnly from = default, to = default;
        if (r.QuietHours is { } quiet)
            check.Check(TimeOnly.TryParse(quiet.From, System.Globalization.CultureInfo.InvariantCulture, out from), "quietHours.from", "must be a time of day such as '22:00'")
                .Check(TimeOnly.TryParse(quiet.To, System.Globalization.CultureInfo.InvariantCulture, out to), "quietHours.to", "must be a time of day such as '06:00'")
                .Check(from != to, "quietHours.to", "must differ from quietHours.from");
        return new SubscriptionRow
        {
            Url = r.Url, Recipients = SubscriptionRow.Join(emails), ToHolder = r.ToHolder ?? false, ToManager = r.ToManager ?? false,
            Kinds = SubscriptionRow.Join(r.Kinds?.Select(k => WireNames.CamelCase(k.ToString())).Distinct()),
            Sites = SubscriptionRow.Join(sites.Distinct()),
            QuietFrom = r.QuietHours is null ? null : from.ToString("HH:mm"), QuietTo = r.QuietHours is null ? null : to.ToString("HH:mm"),
        };
    }
}
