using System.Collections.Immutable;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>A cabinet's cached allow-list at one moment: its version and its entries by badge.</summary>
/// <param name="Clears">How often the list was replaced whole (a clear: a driver's reload).</param>
public sealed record AllowListState(uint Version, ImmutableDictionary<ByteString, AllowListEntry> Entries, int Clears = 0);
