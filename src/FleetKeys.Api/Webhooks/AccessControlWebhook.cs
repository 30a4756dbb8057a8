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

/// <summary>
/// An event from the electronic access-control system. The person is named by <c>PersonId</c> (FleetKeys's id) or by
/// <c>CardholderId</c> (the access-control system <c>Source</c>'s own id, linked to the person by <c>cardholder.created</c>),
/// or both. <c>Sequence</c> (the sender's counter) or else <c>OccurredAt</c> (its clock) orders the events of one
/// cardholder; <c>Badges</c> of a cardholder event is the cardholder's whole set.
/// </summary>
public sealed record AccessControlEvent(
    string? Id, string? Type, string? PersonId, string? Badge, string? Reason,
    string? Name = null, DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidUntil = null, IReadOnlyList<string>? Badges = null,
    long? Sequence = null, DateTimeOffset? OccurredAt = null, string? Source = null, string? CardholderId = null)
{
    /// <summary>The sender's order for this event; the two forms are never compared with each other for one sender.</summary>
    public SourceVersion? Version => Sequence is { } sequence ? new SourceVersion(AccessControlWebhook.Source, sequence)
        : OccurredAt is { } at ? new SourceVersion(AccessControlWebhook.Source, at.UtcTicks)
        : null;

    /// <summary>The cardholder as the person's external id, once <see cref="AccessControlWebhook"/> has checked both parts.</summary>
    public ExternalId? External => CardholderId is { } cardholder ? new ExternalId(Source!, cardholder) : null;
}

/// <summary>
/// The access-control system's webhook: signed, fresh, applied once per event id, and never behind the cardholder's
/// newest event. Its effects go through the same admin service as the API: a created or updated cardholder is
/// registered, renamed, given its validity and badges; a deactivated one is suspended, a reactivated one reinstated; a
/// revoked badge is removed, an issued one added.
/// </summary>
public static class AccessControlWebhook
{
    /// <summary>The name under which the person keeps the newest version applied from the access-control system.</summary>
    public const string Source = "access-control";

    public const string CardholderCreated = "cardholder.created";
    public const string CardholderUpdated = "cardholder.updated";
    public const string CardholderDeactivated = "cardholder.deactivated";
    public const string CardholderReactivated = "cardholder.reactivated";
    public const string BadgeRevoked = "badge.revoked";
    public const string BadgeIssued = "badge.issued";

    private static readonly string[] Types = [CardholderCreated, CardholderUpdated, CardholderDeactivated, CardholderReactivated, BadgeRevoked, BadgeIssued];

    /// <summary>How many badges one cardholder event may list.</summary>
    public const int MaxBadges = 20;

    public static IEndpointRouteBuilder MapAccessControlWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/hooks/access-control", Handle).AllowAnonymous().WithTags("Webhooks").WithBodyLimit(BodyLimits.Command)
            .Accepts<AccessControlEvent>("application/json").ProducesValidationProblem()
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status409Conflict);
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

        if (Check(received) is { IsValid: false } invalid) return invalid.Problem();

        var inbox = registry.Get<InboxRegion>();
        var delivery = new DeliveryId(received!.Id!);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(body));
        var known = (InboxState)await inbox.Ask<object>(new GetDelivery(delivery), TimeSpan.FromSeconds(10));
        if (known.Handled)
            return known.Fingerprint == fingerprint
                ? Results.Ok(new { status = "duplicate", id = delivery.Value })
                : RejectionResults.Problem(Rejection.Of(RejectionCode.Conflict, $"event {delivery} was already received with other content"));

        Rejection? applied;
        PersonId person;
        using (OriginScope.Use(ChangeOrigin.Webhook(delivery.Value), received.Version))
            (applied, person) = await Apply(received, admin);
        // An event behind the cardholder's newest changes nothing and is done with: the sender is told which one stands.
        var outdated = applied is { Code: RejectionCode.Outdated };
        if (applied is { } refused && !outdated) return RejectionResults.Problem(refused);
        var recorded = await inbox.Ask<object>(new RecordDelivery(delivery, fingerprint, clock.GetUtcNow()), TimeSpan.FromSeconds(10));
        if (recorded is Rejection conflict) return RejectionResults.Problem(conflict);
        return outdated
            ? Results.Ok(new { status = "outdated", id = delivery.Value, personId = person.Value, detail = applied!.Message })
            : Results.Ok(new { status = "applied", id = delivery.Value, personId = person.Value });
    }

    private static Validator Check(AccessControlEvent? e)
    {
        var check = new Validator().Id("id", e?.Id).Id("personId", e?.PersonId, required: e?.CardholderId is null)
            .Check(Types.Contains(e?.Type), "type", $"must be one of {string.Join(", ", Types)}");
        if (e?.CardholderId is not null || e?.Source is not null)
            check.Id("cardholderId", e.CardholderId)
                .Check(ExternalId.IsSource(e.Source), "source", "is required with cardholderId: the access-control system's name, an id without ':'");
        if (e?.Type is BadgeRevoked or BadgeIssued) check.Id("badge", e.Badge);
        // The three types that came first keep working without a version (senders written for them send none).
        if (e?.Type is CardholderCreated or CardholderUpdated or CardholderReactivated)
            check.Check(e.Version is not null, "sequence", $"is required for {e.Type} (or give occurredAt)");
        check.Check(e?.Sequence is null or >= 0, "sequence", "must not be negative")
            .Text("reason", e?.Reason, 500, required: false)
            .Text("name", e?.Name, 200, required: e?.Type == CardholderCreated)
            .Check(!(e?.ValidFrom >= e?.ValidUntil), "validUntil", "must be after validFrom")
            .Check(e?.Badges is null || e.Badges.Count <= MaxBadges, "badges", $"at most {MaxBadges} badges");
        foreach (var badge in e?.Badges ?? []) check.Id("badges", badge);
        return check;
    }

    /// <summary>
    /// Every effect is idempotent, so a delivery that fails after applying can be retried safely; every step carries the
    /// event's version, so the first step of an outdated event is refused and the rest are not tried. Answers whom it was about.
    /// </summary>
    private static async Task<(Rejection? Refused, PersonId Person)> Apply(AccessControlEvent e, FleetAdmin admin)
    {
        var (person, unknown) = await Addressee(e, admin);
        if (unknown is not null) return (unknown, person);
        // Checked before any step too: a badge or a cardholder is claimed in its directory before the person decides, and an
        // outdated event must not leave a claim behind.
        if (e.Version is { } sent && (await admin.GetPerson(person)).Value is { } known && sent.BehindAny(known.SourceVersions) is { } outdated) return (outdated, person);
        // Claimed before the person changes: of two events racing to link one cardholder to two people, the loser changes nothing.
        if (e.External is { } cardholder && (await admin.ClaimExternalId(cardholder, person)).Rejection is { } taken) return (taken, person);
        var outcome = e.Type switch
        {
            CardholderCreated => await Created(e, person, admin),
            CardholderUpdated => await Updated(e, person, admin),
            CardholderDeactivated => await admin.Revoke(person, PersonStatus.Suspended,
                string.IsNullOrWhiteSpace(e.Reason) ? "deactivated in the access-control system" : e.Reason),
            CardholderReactivated => await admin.Reinstate(person),
            BadgeRevoked => await admin.RemoveBadge(person, new BadgeNumber(e.Badge!)),
            _ => await admin.AddBadge(person, new BadgeNumber(e.Badge!)),
        };
        return (outcome.Rejection, person);
    }

    /// <summary>
    /// Whom the event is about: the person it names, or the one its cardholder is linked to — never a different one of each.
    /// Only <c>cardholder.created</c> links a cardholder; naming no person, it registers one under a new id. The link is read
    /// from the directory's journal, so an unknown cardholder claims nothing.
    /// </summary>
    private static async Task<(PersonId Person, Rejection? Refused)> Addressee(AccessControlEvent e, FleetAdmin admin)
    {
        var named = e.PersonId is { } id ? new PersonId(id) : (PersonId?)null;
        if (e.External is not { } cardholder) return (named!.Value, null);
        if (await admin.LinkedTo(cardholder) is { } linked)
            return named is { } other && other != linked
                ? (other, Rejection.Of(RejectionCode.Conflict, $"cardholder {cardholder.Cardholder} of {cardholder.Source} is linked to another person than {other}"))
                : (linked, null);
        return e.Type == CardholderCreated
            ? (named ?? new PersonId(Guid.NewGuid().ToString("N")), null)
            : (default, Rejection.Of(RejectionCode.NotFound,
                $"cardholder {cardholder.Cardholder} of {cardholder.Source} is not known: it is linked by {CardholderCreated}"));
    }

    /// <summary>A cardholder FleetKeys already knows (created before, or a retry) is updated instead; the person records its cardholder id.</summary>
    private static async Task<Outcome<PersonDetails>> Created(AccessControlEvent e, PersonId person, FleetAdmin admin)
    {
        var registered = await admin.RegisterPerson(person, e.Name!, e.ValidFrom, e.ValidUntil, 1);
        var outcome = registered.Rejection is { Code: RejectionCode.AlreadyExists } ? await Updated(e, person, admin) : await Badges(e, registered, admin);
        return outcome.Rejection is null && e.External is { } cardholder ? await admin.LinkExternalId(person, cardholder) : outcome;
    }

    /// <summary>Only what the event carries changes: a name, the validity, the whole set of badges.</summary>
    private static async Task<Outcome<PersonDetails>> Updated(AccessControlEvent e, PersonId person, FleetAdmin admin)
    {
        var outcome = await admin.GetPerson(person);
        if (outcome.Value is not { } current) return outcome;
        if (e.Name is { } name) outcome = await admin.Rename(person, name);
        if (outcome.Rejection is null && (e.ValidFrom ?? e.ValidUntil) is not null) outcome = await admin.SetValidity(person, e.ValidFrom, e.ValidUntil);
        // Nothing to change still records the event's version, so an older event cannot follow it.
        if (outcome.Rejection is null && e.Name is null && (e.ValidFrom ?? e.ValidUntil) is null) outcome = await admin.Rename(person, current.Name);
        return await Badges(e, outcome, admin);
    }

    private static async Task<Outcome<PersonDetails>> Badges(AccessControlEvent e, Outcome<PersonDetails> outcome, FleetAdmin admin)
    {
        if (e.Badges is null || outcome.Value is not { } person) return outcome;
        var wanted = e.Badges.Select(b => new BadgeNumber(b)).ToHashSet();
        foreach (var gone in person.Badges.Where(b => !wanted.Contains(b)))
            if ((outcome = await admin.RemoveBadge(person.Id, gone)).Rejection is not null) return outcome;
        foreach (var added in wanted.Where(b => !person.Badges.Contains(b)))
            if ((outcome = await admin.AddBadge(person.Id, added)).Rejection is not null) return outcome;
        return outcome;
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
