using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Persistence;
using FleetKeys.Api.Auth;
using FleetKeys.Management;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Node.Tests.ReadSide;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>
/// Every read surface — the API's audit log, its CSV export, people, history, subscriptions, the live stream, SCIM's users,
/// and the management port that fleetctl reads (its audit export, people, settings and log lines) — walked by every role after
/// every secret-bearing type has been stored: no PIN, PIN hash or other secret leaves the node. The secret-bearing
/// types are the ones the public view finds by their marked fields, so a type added later is walked without a change here.
/// </summary>
public abstract class SecretSurfacesSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const string Sentinel = "SECRET-SENTINEL-4c1d";

    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private NodeApp _node = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // Debug, so the log lines fleetctl reads are as many as a node ever writes about these changes.
        _node = await NodeApp.StartAsync(_database.Settings, _clock, "--FleetKeys:Logging:Level", "Debug");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Stores each fact in the journal as an entity would, so the audit log and the live stream read it.</summary>
    private sealed class Recorder : ReceivePersistentActor
    {
        public Recorder(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<object>(fact => Persist(fact, stored => Sender.Tell(stored)));
        }

        public override string PersistenceId { get; }
    }

    [Fact]
    public async Task No_read_surface_shows_any_role_a_pin_hash_or_another_secret()
    {
        var floor = new Floor(_node, _clock);
        var admin = _node.Client();
        var cabinet = await floor.Cabinet();
        var (person, badge) = await floor.Person();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Put($"/api/v1/people/{person}/pin", new { pin = "86420" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Put($"/api/v1/people/{person}/duress-pin", new { pin = "97531" })).StatusCode);
        var subscription = await (await admin.Post("/api/v1/notifications/subscriptions", new { channel = "webhook", url = "http://127.0.0.1:9/hook" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        var scim = Scim.ScimClient.For(_node);
        var scimUser = await scim.CreateUser($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{Floor.Unique("u")}}@example.com","password":"{{Sentinel}}"}
            """);
        var probe = $"secrets-probe-{Guid.NewGuid():N}";
        var recorder = _node.Service<ActorSystem>().ActorOf(Props.Create(() => new Recorder(probe)));
        foreach (var type in PublicView.SecretBearingTypes)
            await recorder.Ask<object>(MessageSamples.Of(type, Sentinel), TimeSpan.FromSeconds(10));
        await floor.Take(cabinet, badge, 2);
        await Eventually.Holds(async () => Assert.Contains("keyslot.taken.v1", await admin.GetStringAsync($"/api/v1/audit?persistenceId=keyslot-{cabinet}/2")),
            TimeSpan.FromSeconds(20));
        var audited = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?persistenceId={probe}", HttpAssertions.Json);
        // A checkpoint, so the audit bundle holds rows and signatures to look through.
        await _node.Service<AuditCheckpointer>().SignIfDue();

        var secrets = await Secrets(person, subscription.GetProperty("secret").GetString()!);
        // What the person's entity answers crosses the cluster to whichever node asked, serialized as below.
        var answer = (await _node.Service<FleetAdmin>().GetPerson(new PersonId(person))).Value!;
        var answered = _node.Service<ActorSystem>().Serialization.FindSerializerFor(answer).ToBinary(answer);
        var pinSets = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?persistenceId=person-{person}", HttpAssertions.Json);
        var pinSet = pinSets.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "person.pin-set.v1");

        Assert.Equal("bootstrap-admin", pinSet.GetProperty("event").GetProperty("By").GetString());
        Assert.True(pinSet.GetProperty("event").TryGetProperty("At", out _));
        Assert.Equal(PublicView.SecretBearingTypes.Count, audited.GetProperty("items").GetArrayLength());
        foreach (var (role, key) in new[] { ("admin", NodeApp.AdminKey), ("operator", NodeApp.OperatorKey), ("auditor", NodeApp.AuditorKey) })
        foreach (var (surface, body) in (await Surfaces(key, person, cabinet, subscription.GetProperty("id").GetString()!))
                     .Append(($"GET /scim/v2/Users/{scimUser}", (await scim.Get($"/scim/v2/Users/{scimUser}")).Body.GetRawText()))
                     .Append(("GET /scim/v2/Users", (await scim.Get("/scim/v2/Users")).Body.GetRawText()))
                     .Append(("the person entity's answer", System.Text.Encoding.UTF8.GetString(answered))))
        {
            var shown = Unescaped(body);
            foreach (var secret in secrets)
                Assert.False(shown.Contains(secret, StringComparison.Ordinal), $"{surface} shows the {role} a secret ({secret[..Math.Min(12, secret.Length)]}…)");
        }
    }

    /// <summary>Everything that must never be shown: the stored PIN hashes and every part of them, the PBKDF2 output inside, the samples' marked fields, keys.</summary>
    private async Task<List<string>> Secrets(string person, string subscriptionSecret)
    {
        var stored = (await _node.Service<JournalHistory>().EventsOf($"person-{person}")).Select(e => e.Event)
            .Select(e => e switch { PinSet p => p.PinHash, DuressPinSet d => d.PinHash, _ => null }).OfType<string>().ToList();
        Assert.Equal(2, stored.Count);
        var pepper = _node.Service<NodeKeys>().PinPepper;
        var secrets = new List<string> { Sentinel, "pbkdf2", subscriptionSecret, NodeApp.AdminKey, NodeApp.OperatorKey, NodeApp.AuditorKey,
            ApiKeys.Hash(NodeApp.OperatorKey), ApiKeys.Hash(NodeApp.AuditorKey), ApiKeys.Hash(NodeApp.ScimToken), NodeApp.WebhookSecret,
            Convert.ToBase64String(NodeApp.MasterSecret) };
        secrets.AddRange(AuditPrivateKey());
        foreach (var hash in stored)
        {
            Assert.True(PinHash.TryOpen(hash, pepper, out var opened));
            secrets.AddRange([hash, .. hash.Split('$').Skip(2), Convert.ToBase64String(opened.Hash), Convert.ToHexString(opened.Hash)]);
        }

        return secrets;
    }

    /// <summary>The audit signing key's private half in every form it could leak in, derived as AuditKeys documents and checked to be the node's.</summary>
    private IEnumerable<string> AuditPrivateKey()
    {
        var d = System.Security.Cryptography.HMACSHA256.HashData(NodeApp.MasterSecret, "fleetkeys/audit-signing/1/0"u8.ToArray());
        using var key = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256, D = d,
        });
        Assert.Equal(_node.Service<AuditKeys>().Current.Id, FleetKeys.Domain.Audit.AuditPublicKey.IdOf(key));
        var pkcs8 = Convert.ToBase64String(key.ExportPkcs8PrivateKey());
        return [Convert.ToBase64String(d), Convert.ToHexString(d), Convert.ToHexStringLower(d), pkcs8[..40], "PRIVATE KEY"];
    }

    private async Task<List<(string Surface, string Body)>> Surfaces(string key, string person, string cabinet, string subscription)
    {
        var api = _node.Client(key);
        var shown = new List<(string, string)>();
        foreach (var page in await Paged(api, "/api/v1/audit")) shown.Add(("GET /api/v1/audit", page));
        foreach (var path in new[]
                 {
                     $"/api/v1/audit?persistenceId=person-{person}", "/api/v1/audit/csv", $"/api/v1/people/{person}", "/api/v1/people?pageSize=500",
                     $"/api/v1/history?personId={person}", "/api/v1/history/csv", $"/api/v1/cabinets/{cabinet}/slots/2/history",
                     "/api/v1/notifications/subscriptions", $"/api/v1/notifications/subscriptions/{subscription}", "/api/v1/notifications/dead-letters",
                     "/api/v1/audit/bundle", "/api/v1/audit/public-key", "/api/v1/audit/verify",
                 })
            shown.Add(($"GET {path}", await (await api.GetAsync(path)).Content.ReadAsStringAsync()));
        shown.Add(("GET /api/v1/events", await LiveStream(api, cabinet)));

        var management = new HttpClient { BaseAddress = new Uri($"http://{_node.Service<ManagementEndpoint>().Address}") };
        management.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        foreach (var (palette, command, arguments) in new (string, string, Dictionary<string, string>)[]
                 {
                     ("audit", "entries", new() { ["count"] = "500" }), ("audit", "entries", new() { ["persistenceId"] = $"person-{person}" }),
                     ("audit", "export", []), ("audit", "verify", []),
                     ("people", "show", new() { ["person"] = person }), ("node", "config", []),
                     ("log", "recent", new() { ["level"] = "verbose", ["count"] = "1000" }),
                 })
        {
            var answer = await management.PostAsJsonAsync($"/mgmt/v1/commands/{palette}/{command}", new { arguments });
            shown.Add(($"fleetctl {palette} {command}", await answer.Content.ReadAsStringAsync()));
        }

        return shown;
    }

    private static async Task<List<string>> Paged(HttpClient api, string path)
    {
        var pages = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = await api.GetStringAsync($"{path}?pageSize=500&page={page}");
            pages.Add(body);
            if (JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength() < 500) return pages;
        }
    }

    /// <summary>The live stream from the journal's start, up to the take that ended the setup.</summary>
    private static async Task<string> LiveStream(HttpClient api, string cabinet)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Add("Last-Event-ID", "0");
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) return await response.Content.ReadAsStringAsync();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(bound.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("\"taken\"") && line.Contains(cabinet)) return seen.ToString();
        }

        throw new EndOfStreamException("the live stream ended before the take");
    }

    /// <summary>JSON may escape characters of a base64 secret ('+' as \u002B), at any depth of nesting.</summary>
    private static string Unescaped(string body)
    {
        string previous;
        do
        {
            previous = body;
            body = Regex.Replace(body.Replace(@"\\", @"\"), @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        } while (body != previous);

        return body;
    }
}

public sealed class SqliteSecretSurfacesSpecs : SecretSurfacesSpecs<SqliteTestDatabase>;

public sealed class PostgresSecretSurfacesSpecs : SecretSurfacesSpecs<PostgresTestDatabase>;
