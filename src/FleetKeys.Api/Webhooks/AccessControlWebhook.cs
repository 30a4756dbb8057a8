using System.Security.Cryptography;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Webhooks;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Domain.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Webhooks;

/// <summary>An event from the electronic access-control system.</summary>
public sealed record AccessControlEvent(string? Id, string? Type, string? PersonId, string? Badge, string? Reason);

/// <summary>
/// The access-control system's webhook: signed, fresh, and applied once per event id. Its effects go through the same
/// admin service as the API: a deactivated cardholder is suspended, a revoked badge is removed, an issued one added.
/// </summary>
public static class AccessControlWebhook
{
    public const string CardholderDeactivated = "cardholder.deactivated";
    public const string BadgeRevoked = "badge.revoked";
    public const string BadgeIssued = "badge.issued";

    public static IEndpointRouteBuilder MapAccessControlWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/hooks/access-control", Handle).AllowAnonymous().WithTags("Webhooks").WithBodyLimit(BodyLimits.Command)
            .Accepts<AccessControlEvent>("application/json").ProducesValidationProblem()
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Handle(
        HttpContext context, WebhookSettings settings, FleetAdmin admin, IActorRegistry registry, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(settings.AccessControlSecret))
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Webhook not configured",
                detail: "set FleetKeys:Webhooks:AccessControlSecret to accept access-control events");
        var body = await ReadBody(context.Request);
        if (!WebhookSignature.Verify(settings.AccessControlSecret, context.Request.Headers[WebhookSignature.TimestampHeader],
                context.Request.Headers[WebhookSignature.SignatureHeader], body, out var timestamp))
            return Unauthorized("the signature does not match the body and timestamp");
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age.Duration() > settings.Tolerance)
            return Unauthorized("the timestamp is outside the accepted window: a stale or replayed event");

        AccessControlEvent? received;
        try
        {
            received = JsonSerializer.Deserialize<AccessControlEvent>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return new Validator().Fail("body", "is not well-formed JSON").Problem();
        }

        var check = new Validator().Id("id", received?.Id).Id("personId", received?.PersonId)
            .Check(received?.Type is CardholderDeactivated or BadgeRevoked or BadgeIssued, "type",
                $"must be one of {CardholderDeactivated}, {BadgeRevoked}, {BadgeIssued}");
        if (received?.Type is BadgeRevoked or BadgeIssued) check.Id("badge", received.Badge);
        check.Text("reason", received?.Reason, 500, required: false);
        if (!check.IsValid) return check.Problem();

        var inbox = registry.Get<InboxRegion>();
        var delivery = new DeliveryId(received!.Id!);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(body));
        var known = (InboxState)await inbox.Ask<object>(new GetDelivery(delivery), TimeSpan.FromSeconds(10));
        if (known.Handled)
            return known.Fingerprint == fingerprint
                ? Results.Ok(new { status = "duplicate", id = delivery.Value })
                : RejectionResults.Problem(Rejection.Of(RejectionCode.Conflict, $"event {delivery} was already received with other content"));

        Rejection? applied;
        using (OriginScope.Use(ChangeOrigin.Webhook(delivery.Value)))
            applied = await Apply(received, admin);
        if (applied is { } refused) return RejectionResults.Problem(refused);
        var recorded = await inbox.Ask<object>(new RecordDelivery(delivery, fingerprint, clock.GetUtcNow()), TimeSpan.FromSeconds(10));
        return recorded is Rejection conflict ? RejectionResults.Problem(conflict) : Results.Ok(new { status = "applied", id = delivery.Value });
    }

    /// <summary>Every effect is idempotent, so a delivery that fails after applying can be retried safely.</summary>
    private static async Task<Rejection?> Apply(AccessControlEvent e, FleetAdmin admin)
    {
        var person = new PersonId(e.PersonId!);
        var outcome = e.Type switch
        {
            CardholderDeactivated => await admin.Revoke(person, PersonStatus.Suspended,
                string.IsNullOrWhiteSpace(e.Reason) ? "deactivated in the access-control system" : e.Reason),
            BadgeRevoked => await admin.RemoveBadge(person, new BadgeNumber(e.Badge!)),
            _ => await admin.AddBadge(person, new BadgeNumber(e.Badge!)),
        };
        return outcome.Rejection;
    }

    /// <summary>The signature covers the exact bytes; the route's body limit bounds how many are read.</summary>
    private static async Task<byte[]> ReadBody(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
}
