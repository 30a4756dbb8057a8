using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Tests;

/// <summary>The cluster as a driver part sees it, held still: every ask waits until the spec answers it.</summary>
internal sealed class RecordingCluster : IDriverCluster
{
    public sealed record Asked(CabinetOnBus Bus, object Command, Action<CabinetOnBus, object> Then, bool BuiltAside, bool ForPerson);

    public List<Asked> Asks { get; } = [];

    public List<object> ToPeople { get; } = [];

    public void Ask(CabinetOnBus bus, object command, Action<CabinetOnBus, object> then) => Asks.Add(new Asked(bus, command, then, false, false));

    public void AskForPerson(CabinetOnBus bus, object command, Action<CabinetOnBus, object> then) => Asks.Add(new Asked(bus, command, then, false, true));

    public void AskBuiltAside(CabinetOnBus bus, Func<object> command, Action<CabinetOnBus, object> then) =>
        Asks.Add(new Asked(bus, command(), then, true, true));

    public void TellPeople(object message) => ToPeople.Add(message);

    /// <summary>Answers the oldest ask still waiting, and returns what it asked.</summary>
    public T Answer<T>(object answer)
    {
        var asked = Asks[0];
        Asks.RemoveAt(0);
        asked.Then(asked.Bus, answer);
        return Assert.IsType<T>(asked.Command);
    }

    public static CabinetOnBus Bus(byte address, string cabinet, bool requiresPin = false) =>
        new(address, new AttachedCabinet(CabinetId.Parse(cabinet), requiresPin), new PanelChannel(address, ControllerSecret.Generate()));

    /// <summary>The moment specs with no clock of their own send at.</summary>
    public static readonly DateTimeOffset SentAt = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Everything queued for the cabinet, in the order it would go out at <paramref name="at"/> (<see cref="SentAt"/> if not said), up to the first poll.</summary>
    public static List<Command> Queued(CabinetOnBus bus, DateTimeOffset? at = null)
    {
        var queued = new List<Command>();
        while (bus.HasWork && bus.Next(at ?? SentAt) is not Poll and var command) queued.Add(command);
        return queued;
    }
}
