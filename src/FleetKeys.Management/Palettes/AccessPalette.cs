using FleetKeys.Api.Auth;
using FleetKeys.Api.Endpoints;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Management.Commands;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Management.Palettes;

/// <summary>
/// Permission sets from a shell, as the API's <c>/permission-sets</c> keeps them: the node's vocabulary, the sets, defining
/// one and removing one. Admin only, reads too: who may do what is configuration. Each change is journalled with the key's name.
/// </summary>
public sealed class AccessPalette(AccessScopesClient scopes, PermissionVocabulary vocabulary) : IPalette
{
    private static readonly ArgumentSpec Set = ArgumentSpec.Of("set", "a permission set's name");

    public string Name => "access";

    public string Summary => "the permissions of the route table and the permission sets made of them";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        ManagementCommand.AdminRead("permissions", "every permission a set may name, the least role holding it and its routes", Permissions),
        ManagementCommand.AdminRead("sets", "the permission sets and what each holds", Sets),
        ManagementCommand.Change("define-set", "define a permission set, or replace its permissions", Define, Set,
            ArgumentSpec.Of("permissions", "the permissions, separated by commas: custody.read,commands.release")),
        ManagementCommand.Change("remove-set", "remove a permission set no grant holds", Remove, Set),
    ];

    private Task<IResult> Permissions(CommandArguments args, CancellationToken _) =>
        Answer.Ok(vocabulary.All.Select(p => new PermissionRow(p.Name, p.Role, string.Join("; ", p.Routes))).ToList());

    private async Task<IResult> Sets(CommandArguments args, CancellationToken _) =>
        Results.Ok((await scopes.Current()).Sets.Select(s => new PermissionSetRow(s.Name, string.Join(", ", s.Permissions), s.DefinedBy)).ToList());

    private async Task<IResult> Define(CommandArguments args, CancellationToken _)
    {
        var set = args.Text("set");
        var permissions = args.Text("permissions").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (await scopes.DefineSet(set, permissions, vocabulary.Names, args.By)).ToResult(s => Results.Ok(PermissionSetView.Of(s.FindSet(set)!)));
    }

    private async Task<IResult> Remove(CommandArguments args, CancellationToken _)
    {
        var set = args.Text("set");
        return (await scopes.RemoveSet(set, args.By)).ToResult(_ => Results.Ok(new RemovedSet(set)));
    }
}

public sealed record PermissionRow(string Permission, string Role, string Routes);

public sealed record PermissionSetRow(string Name, string Permissions, string DefinedBy);

public sealed record RemovedSet(string Removed);
