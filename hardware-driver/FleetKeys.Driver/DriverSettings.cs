using FleetKeys.Protocol;

namespace FleetKeys.Driver;

/// <summary>How the node drives controllers; section "FleetKeys:Hardware". Timings default to docs/protocol.md.</summary>
public sealed class DriverSettings
{
    /// <summary>
    /// Base64 of at least 32 random bytes. Every controller's secret is derived from it (ControllerSecret.Derive), so no
    /// per-controller secret is stored anywhere in the cluster. All nodes of a cluster need the same one.
    /// </summary>
    public string? MasterSecret { get; set; }

    /// <summary>CIDR blocks controllers may be registered or re-pointed in (Domain's ControllerNetworks); empty: anywhere.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>The gap between polls of an active cabinet: one with input or events lately, or a session open.</summary>
    public TimeSpan PollInterval { get; set; } = ProtocolTiming.PollInterval;

    /// <summary>The gap between polls of a cabinet quiet for <see cref="ActivePollWindow"/>; never shorter than <see cref="PollInterval"/>.</summary>
    public TimeSpan IdlePollInterval { get; set; } = ProtocolTiming.IdlePollInterval;

    /// <summary>How long a cabinet counts as active after its last input, events or session.</summary>
    public TimeSpan ActivePollWindow { get; set; } = ProtocolTiming.ActivePollWindow;

    public TimeSpan ReplyTimeout { get; set; } = ProtocolTiming.ReplyTimeout;

    /// <summary>
    /// How many cabinets' frames may go in one write (docs/protocol.md, "Several bus addresses in one write"); 1 for a
    /// serial server that cannot relay them one by one.
    /// </summary>
    public int FramesPerWrite { get; set; } = ProtocolTiming.FramesPerWrite;

    public TimeSpan OfflineAfter { get; set; } = ProtocolTiming.OfflineAfter;

    /// <summary>How long a badge waits for its PIN at a cabinet that requires one.</summary>
    public TimeSpan PinTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Refused frames in a row (bad CRC, MAC, sequence…) after which the connection is dropped and redialled.</summary>
    public int MaxRejectedFramesInARow { get; set; } = 20;

    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Repeated trouble with one controller (refused frames, failed authentication, failing dials) is logged once per
    /// this interval, with a count of what was held back.
    /// </summary>
    public TimeSpan RepeatedWarningInterval { get; set; } = TimeSpan.FromSeconds(30);

    public byte[] MasterSecretBytes() =>
        MasterSecret is { } value && Convert.TryFromBase64String(value, new byte[value.Length], out _)
            ? Convert.FromBase64String(value)
            : throw new InvalidOperationException("FleetKeys:Hardware:MasterSecret must be base64 of at least 32 random bytes");
}
