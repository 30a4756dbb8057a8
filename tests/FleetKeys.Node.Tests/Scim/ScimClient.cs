using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FleetKeys.Node.Tests.Scim;

public sealed record ScimAnswer(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public JsonElement Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Body}");
        return Body;
    }

    /// <summary>An RFC 7644 §3.12 error: the error schema, the status as a string, and the scimType when one is expected.</summary>
    public JsonElement ExpectError(HttpStatusCode status, string? scimType = null)
    {
        Expect(status);
        Assert.StartsWith("application/scim+json", Response.Content.Headers.ContentType?.ToString());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", Body.GetProperty("schemas")[0].GetString());
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), Body.GetProperty("status").GetString());
        if (scimType is not null) Assert.Equal(scimType, Body.GetProperty("scimType").GetString());
        Assert.False(string.IsNullOrEmpty(Body.GetProperty("detail").GetString()));
        return Body;
    }
}

/// <summary>An identity provider's side of the wire: requests as raw JSON, exactly as written, to /scim/v2.</summary>
public sealed class ScimClient(HttpClient http)
{
    public const string MediaType = "application/scim+json";

    public static ScimClient For(NodeApp node, string? token = NodeApp.ScimToken)
    {
        var http = node.Client(null);
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ScimClient(http);
    }

    public Task<ScimAnswer> Get(string path, string? accept = null) => Send(HttpMethod.Get, path, null, accept: accept);

    public Task<ScimAnswer> Post(string path, string json, string contentType = MediaType) => Send(HttpMethod.Post, path, json, contentType);

    public Task<ScimAnswer> Put(string path, string json) => Send(HttpMethod.Put, path, json);

    public Task<ScimAnswer> Patch(string path, string json) => Send(HttpMethod.Patch, path, json);

    public Task<ScimAnswer> Delete(string path) => Send(HttpMethod.Delete, path, null);

    /// <summary>Creates a user and returns its id.</summary>
    public async Task<string> CreateUser(string json) =>
        (await Post("/scim/v2/Users", json)).Expect(HttpStatusCode.Created).GetProperty("id").GetString()!;

    public async Task<string> CreateGroup(string json) =>
        (await Post("/scim/v2/Groups", json)).Expect(HttpStatusCode.Created).GetProperty("id").GetString()!;

    /// <summary>The resources a filter finds, e.g. <c>userName eq "alice"</c>.</summary>
    public async Task<JsonElement[]> Find(string resources, string filter) =>
        [.. (await Get($"/scim/v2/{resources}?filter={Uri.EscapeDataString(filter)}")).Expect(HttpStatusCode.OK).GetProperty("Resources").EnumerateArray()];

    private async Task<ScimAnswer> Send(HttpMethod method, string path, string? json, string contentType = MediaType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ScimAnswer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }
}
