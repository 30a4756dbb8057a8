namespace FleetKeys.Management.Commands;

/// <summary>A group of commands about one subject. Register one in DI and every fleetctl that connects can run it.</summary>
public interface IPalette
{
    string Name { get; }

    string Summary { get; }

    IReadOnlyList<ManagementCommand> Commands { get; }
}
