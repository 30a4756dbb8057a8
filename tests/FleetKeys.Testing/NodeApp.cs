using System.Net.Http.Headers;
using System.Net.Http.Json;
using FleetKeys.Api.Auth;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FleetKeys.Testing;

/// <summary>
/// The real node (the same composition root as the executable) on loopback ports in this process,
/// with one API key per role and an injectable clock.
/// </summary>
public sealed class NodeApp : IAsyncDisposable
{
    public const string AdminKey = "fk_test_admin_key";
    public const string OperatorKey = "fk_test_operator_key";
    public const string AuditorKey = "fk_test_auditor_key";

    /// <summary>The identity provider's token: SCIM's own, never an API key.</summary>
    public const string ScimToken = "scim_test_token";

    public const string WebhookSecret = "whsec_test_access_control";

    /// <summary>The hardware master secret of every test node; simulated controllers derive their secrets from it too.</summary>
    public static readonly byte[] MasterSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private NodeApp(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public static async Task<NodeApp> StartAsync(PersistenceSettings persistence, TimeProvider? clock = null, params string[] extra)
    {
        var app = FleetKeysNode.Build(Arguments(persistence, extra), builder =>
        {
            if (clock is not null) builder.Services.AddSingleton(clock);
        });
        await app.StartAsync();
        var node = new NodeApp(app);
        await node.WaitUntilReady();
        return node;
    }

    /// <summary>A test node's command line; the extra arguments come last, so they override these (the last value of a key wins).</summary>
    public static string[] Arguments(PersistenceSettings persistence, params string[] extra) =>
        [
            "--urls", "http://127.0.0.1:0",
            "--FleetKeys:Cluster:Port", "0",
            "--FleetKeys:Management:Port", "0",
            "--FleetKeys:Persistence:Provider", persistence.Provider.ToString(),
            "--FleetKeys:Persistence:DataFolder", persistence.DataFolder,
            "--FleetKeys:Persistence:ConnectionString", persistence.ConnectionString ?? "",
            "--FleetKeys:Logging:Level", "Warning",
            "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(MasterSecret),
            "--FleetKeys:Webhooks:AccessControlSecret", WebhookSecret,
            "--FleetKeys:Api:BootstrapAdminKey", AdminKey,
            "--FleetKeys:Api:Keys:0:Name", "ops", "--FleetKeys:Api:Keys:0:Role", Roles.Operator,
            "--FleetKeys:Api:Keys:0:Sha256", ApiKeys.Hash(OperatorKey),
            "--FleetKeys:Api:Keys:1:Name", "audit", "--FleetKeys:Api:Keys:1:Role", Roles.Auditor,
            "--FleetKeys:Api:Keys:1:Sha256", ApiKeys.Hash(AuditorKey),
            "--FleetKeys:Scim:Tokens:0:Name", "idp", "--FleetKeys:Scim:Tokens:0:Sha256", ApiKeys.Hash(ScimToken),
            .. extra,
        ];

    private Task WaitUntilReady() => Endpoint.AnswersOk(new Uri(BaseAddress, "/readyz"), TimeSpan.FromSeconds(30));

    public HttpClient Client(string? apiKey = AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

public static class HttpAssertions
{
    public static async Task<T> Read<T>(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> Post(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string path, object body) => client.PutAsJsonAsync(path, body);
}
