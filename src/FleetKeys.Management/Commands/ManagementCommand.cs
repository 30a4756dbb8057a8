using FleetKeys.Api.Auth;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Management.Commands;

public delegate Task<IResult> CommandHandler(CommandArguments arguments, CancellationToken cancellationToken);

/// <summary>One command of a palette: what it needs and who may run it. Reads are open to every role; changes need admin.</summary>
public sealed record ManagementCommand(
    string Name, string Summary, string Role, bool Destructive, IReadOnlyList<ArgumentSpec> Arguments, CommandHandler Run)
{
    public static ManagementCommand Read(string name, string summary, CommandHandler run, params ArgumentSpec[] arguments) =>
        new(name, summary, Roles.Auditor, false, arguments, run);

    /// <summary>A read of what only admins see (who may do what, a whole person's record).</summary>
    public static ManagementCommand AdminRead(string name, string summary, CommandHandler run, params ArgumentSpec[] arguments) =>
        new(name, summary, Roles.Admin, false, arguments, run);

    public static ManagementCommand Change(string name, string summary, CommandHandler run, params ArgumentSpec[] arguments) =>
        new(name, summary, Roles.Admin, false, arguments, run);

    /// <summary>A change that cannot be taken back from fleetctl (a node leaving, a person revoked): confirmed first.</summary>
    public static ManagementCommand DestructiveChange(string name, string summary, CommandHandler run, params ArgumentSpec[] arguments) =>
        new(name, summary, Roles.Admin, true, arguments, run);

    public CommandSpec Spec(bool allowed) => new(Name, Summary, Role, Destructive, allowed, Arguments);
}
