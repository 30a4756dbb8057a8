using FleetKeys.Api.Auth;
using FleetKeys.Node;

if (args is ["new-api-key", ..])
{
    var role = args.SkipWhile(a => a != "--role").Skip(1).FirstOrDefault() ?? Roles.Auditor;
    var name = args.SkipWhile(a => a != "--name").Skip(1).FirstOrDefault() ?? role;
    if (!Roles.All.Contains(role) && role != Roles.GrantsOnly)
    {
        Console.Error.WriteLine($"unknown role '{role}': use one of {string.Join(", ", Roles.All)} or {Roles.GrantsOnly}");
        return 2;
    }

    var key = ApiKeys.NewKey();
    Console.WriteLine($"API key (shown once, keep it secret): {key}");
    Console.WriteLine("Add to FleetKeys:Api:Keys in the node's configuration:");
    Console.WriteLine($$"""  { "Name": "{{name}}", "Role": "{{role}}", "Sha256": "{{ApiKeys.Hash(key)}}" }""");
    return 0;
}

// For container health checks: the runtime image has no curl, so the node checks an endpoint itself.
if (args is ["healthcheck", var url])
{
    // The check asks its own container on loopback, where the certificate names the node, not "localhost"; it sends no
    // credential, so on loopback any certificate will do.
    using var handler = new HttpClientHandler();
    if (Uri.TryCreate(url, UriKind.Absolute, out var target) && target.IsLoopback)
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
    using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
    try
    {
        return (await http.GetAsync(url)).IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        Console.Error.WriteLine($"unhealthy: {e.Message}");
        return 1;
    }
}

WebApplication node;
try
{
    node = FleetKeysNode.Build(args);
}
catch (NodeConfigurationException e)
{
    Console.Error.WriteLine($"fleetkeys: {e.Message}");
    return 2;
}

await node.RunAsync();
return 0;
