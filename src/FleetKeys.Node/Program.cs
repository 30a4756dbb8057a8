using FleetKeys.Api.Auth;
using FleetKeys.Node;

if (args is ["new-api-key", ..])
{
    var role = args.SkipWhile(a => a != "--role").Skip(1).FirstOrDefault() ?? Roles.Auditor;
    var name = args.SkipWhile(a => a != "--name").Skip(1).FirstOrDefault() ?? role;
    if (!Roles.All.Contains(role))
    {
        Console.Error.WriteLine($"unknown role '{role}': use one of {string.Join(", ", Roles.All)}");
        return 2;
    }

    var key = ApiKeys.NewKey();
    Console.WriteLine($"API key (shown once, keep it secret): {key}");
    Console.WriteLine("Add to FleetKeys:Api:Keys in the node's configuration:");
    Console.WriteLine($$"""  { "Name": "{{name}}", "Role": "{{role}}", "Sha256": "{{ApiKeys.Hash(key)}}" }""");
    return 0;
}

await FleetKeysNode.Build(args).RunAsync();
return 0;
