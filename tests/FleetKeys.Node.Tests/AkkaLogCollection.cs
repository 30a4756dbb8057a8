namespace FleetKeys.Node.Tests;

/// <summary>
/// Specs that read a line Akka logged from their node's recent lines. Akka.Logger.Serilog writes through Serilog's static
/// logger, which belongs to whichever node this process started last: run alone, these specs' node is that one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AkkaLogCollection
{
    public const string Name = "reads lines Akka logged";
}
