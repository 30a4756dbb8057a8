using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// A physical controller: where to reach it and which cabinet sits at which bus address. The live connection is
/// the driver's; only this configuration is persisted.
/// </summary>
public sealed record ControllerState(
    ControllerId Id,
    bool Registered,
    string Host,
    int Port,
    OfflinePolicy OfflinePolicy,
    ImmutableDictionary<int, AttachedCabinet> Cabinets) : IEntityState<ControllerState, ControllerCommand, ControllerEvent>, IFleetKeysMessage
{
    /// <summary>Out of service for good: no driver, not remembered by the cluster, and its id is not used again.</summary>
    public bool Decommissioned { get; init; }

    /// <summary>When the driver last reported the controller out of reach; null while it answers (or before any report).</summary>
    public DateTimeOffset? CommunicationLostSince { get; init; }

    /// <summary>Open commissioning windows: bus address → until when the driver may commission the device there.</summary>
    public ImmutableDictionary<int, DateTimeOffset> Commissioning { get; init; } = ImmutableDictionary<int, DateTimeOffset>.Empty;

    /// <summary>
    /// The key generation each device holds (bus address → generation; absent: 0, never rotated). Its SCBK is derived from
    /// the controller's secret, its address and this number, so the number is all that is kept.
    /// </summary>
    public ImmutableDictionary<int, int> KeyGenerations { get; init; } = ImmutableDictionary<int, int>.Empty;

    /// <summary>Rotations asked for and not yet acknowledged by the device: bus address → the generation it is to take.</summary>
    public ImmutableDictionary<int, int> KeyRotations { get; init; } = ImmutableDictionary<int, int>.Empty;

    public int KeyGeneration(int busAddress) => KeyGenerations.GetValueOrDefault(busAddress);

    /// <summary>The SHA-256 thumbprint of the controller's TLS certificate: the link runs in TLS 1.3 trusting only it. Null: plain TCP.</summary>
    public string? TlsThumbprint { get; init; }

    /// <summary>Whether the current outage has already raised its offline-too-long alarm: once per outage.</summary>
    public bool OfflineTooLongRaised { get; init; }

    /// <summary>When the outage outlasts <paramref name="limit"/>; null when it answers or the alarm is raised already.</summary>
    public DateTimeOffset? OfflineTooLongDueAt(TimeSpan limit) =>
        CommunicationLostSince is { } since && !OfflineTooLongRaised ? since + limit : null;

    public static ControllerState Empty(ControllerId id) =>
        new(id, false, "", 0, OfflinePolicy.DenyAll, ImmutableDictionary<int, AttachedCabinet>.Empty);

    public Decision<ControllerEvent> Decide(ControllerCommand command)
    {
        // A decommissioned controller's journal stays one controller's history: its id never comes back into service.
        if (Decommissioned)
            return command is DecommissionController or DetachCabinet
                ? Decision<ControllerEvent>.Accept()
                : Rejection.Of(command is RegisterController ? RejectionCode.Conflict : RejectionCode.NotFound,
                    $"controller {Id} was decommissioned; its id is not used again");
        return command switch
        {
            RegisterController c when Registered && (c.Host, c.Port, c.OfflinePolicy) == (Host, Port, OfflinePolicy) => Decision<ControllerEvent>.Accept(),
            RegisterController when Registered => Rejection.Of(RejectionCode.AlreadyExists,
                $"controller {Id} already exists at {Host}:{Port}; change it rather than registering it again"),
            RegisterController c => CheckEndpoint(c.Host, c.Port)
                ?? Decision<ControllerEvent>.Accept(new ControllerRegistered(Id, c.Host, c.Port, c.OfflinePolicy, c.At, c.By)),
            ChangeController c => DecideChange(c),
            DecommissionController c => DecideDecommission(c),
            AttachCabinet c => DecideAttach(c),
            OpenCommissioning c => DecideCommissioning(c),
            RecordDeviceCommissioned c => DecideCommissioned(c),
            RotateDeviceKey c => DecideRotation(c),
            SetControllerTls c => DecideTls(c),
            RecordDeviceKey c => DecideDeviceKey(c),
            ReportControllerCommunication c => DecideCommunication(c),
            NoticeControllerOfflineTooLong c => OfflineTooLongDueAt(c.Limit) <= c.At
                ? Decision<ControllerEvent>.Accept(new ControllerOfflineTooLong(Id, CommunicationLostSince!.Value, c.Limit, c.At))
                : Decision<ControllerEvent>.Accept(),
            DetachCabinet c => Cabinets.TryGetValue(c.BusAddress, out var at) && at.Cabinet == c.Cabinet
                ? Decision<ControllerEvent>.Accept(new CabinetDetached(Id, c.BusAddress, c.Cabinet, c.At))
                : Decision<ControllerEvent>.Accept(),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled controller command"),
        };
    }

    /// <summary>
    /// Only a change is recorded: a driver restarted on another node reports what it sees afresh, and a controller never
    /// heard of before that answers has no outage to end.
    /// </summary>
    private Decision<ControllerEvent> DecideCommunication(ReportControllerCommunication c)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        return (c.Answering, CommunicationLostSince) switch
        {
            (true, { } since) => Decision<ControllerEvent>.Accept(new ControllerCommunicationRestored(Id, since, c.At - since, c.At)),
            (false, null) => Decision<ControllerEvent>.Accept(new ControllerCommunicationLost(Id, c.At)),
            _ => Decision<ControllerEvent>.Accept(),
        };
    }

    private static Rejection? CheckEndpoint(string host, int port)
    {
        if (string.IsNullOrWhiteSpace(host)) return Rejection.Of(RejectionCode.Invalid, "host is required");
        return port is < 1 or > 65535 ? Rejection.Of(RejectionCode.Invalid, "port must be between 1 and 65535") : null;
    }

    private Decision<ControllerEvent> DecideChange(ChangeController c)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        var (host, port, policy) = (c.Host ?? Host, c.Port ?? Port, c.OfflinePolicy ?? OfflinePolicy);
        if (CheckEndpoint(host, port) is { } invalid) return invalid;
        return (host, port, policy) == (Host, Port, OfflinePolicy)
            ? Decision<ControllerEvent>.Accept()
            : Decision<ControllerEvent>.Accept(new ControllerChanged(Id, host, port, policy, c.By, c.At));
    }

    /// <summary>A controller leaves service only with its bus empty: a cabinet wired to it would have nobody to drive it.</summary>
    private Decision<ControllerEvent> DecideDecommission(DecommissionController c)
    {
        if (!Cabinets.IsEmpty)
            return Rejection.Of(RejectionCode.Conflict,
                $"controller {Id} still drives cabinet(s) {string.Join(", ", Cabinets.OrderBy(a => a.Key).Select(a => $"{a.Value.Cabinet} (bus address {a.Key})"))}; " +
                "decommission them or wire them to another controller first");
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        return Decision<ControllerEvent>.Accept(new ControllerDecommissioned(Id, c.By, c.At));
    }

    private Decision<ControllerEvent> DecideCommissioning(OpenCommissioning c)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        if (c.BusAddress is < 0 or > 0x7E) return Rejection.Of(RejectionCode.Invalid, "busAddress must be between 0 and 126");
        if (c.For <= TimeSpan.Zero || c.For > OpenCommissioning.Longest)
            return Rejection.Of(RejectionCode.Invalid, $"a commissioning window lasts more than 0 and at most {OpenCommissioning.Longest.TotalMinutes:0} minutes");
        return Decision<ControllerEvent>.Accept(new CommissioningOpened(Id, c.BusAddress, c.At + c.For, c.By, c.At));
    }

    /// <summary>A device is commissioned inside its window only, and on the next key generation (never a key a predecessor held).</summary>
    private Decision<ControllerEvent> DecideCommissioned(RecordDeviceCommissioned c)
    {
        if (!Commissioning.TryGetValue(c.BusAddress, out var until) || until < c.At)
            return Rejection.Of(RejectionCode.Conflict, $"bus address {c.BusAddress} of controller {Id} has no open commissioning window");
        return c.Generation == KeyGeneration(c.BusAddress) + 1
            ? Decision<ControllerEvent>.Accept(new DeviceCommissioned(Id, c.BusAddress, c.At, c.Generation))
            : Rejection.Of(RejectionCode.Conflict,
                $"bus address {c.BusAddress} of controller {Id} is commissioned on key generation {KeyGeneration(c.BusAddress) + 1}, not {c.Generation}");
    }

    private Decision<ControllerEvent> DecideRotation(RotateDeviceKey c)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        if (!DeviceAddresses.Of(Cabinets).Contains(c.BusAddress))
            return Rejection.Of(RejectionCode.NotFound, $"controller {Id} has no device at bus address {c.BusAddress}");
        if (KeyRotations.TryGetValue(c.BusAddress, out var pending))
            return Rejection.Of(RejectionCode.Conflict,
                $"the key of bus address {c.BusAddress} of controller {Id} is already being rotated to generation {pending}; " +
                "the driver sends it at the device's next session");
        return Decision<ControllerEvent>.Accept(new KeyRotationRequested(Id, c.BusAddress, KeyGeneration(c.BusAddress) + 1, c.By, c.At));
    }

    private Decision<ControllerEvent> DecideTls(SetControllerTls c)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        var thumbprint = c.Thumbprint is null ? null : SetControllerTls.Normalize(c.Thumbprint);
        if (c.Thumbprint is not null && thumbprint is null)
            return Rejection.Of(RejectionCode.Invalid, "thumbprint must be the certificate's SHA-256: 64 hex digits (colons allowed)").About("thumbprint");
        return thumbprint == TlsThumbprint
            ? Decision<ControllerEvent>.Accept()
            : Decision<ControllerEvent>.Accept(new ControllerTlsSet(Id, thumbprint, c.By, c.At));
    }

    /// <summary>
    /// The driver reports the generation a device proved or acknowledged: the one asked for completes the rotation; the one
    /// in force is no news (a rotation not yet carried out); anything else is a generation this controller never gave out.
    /// </summary>
    private Decision<ControllerEvent> DecideDeviceKey(RecordDeviceKey c)
    {
        if (KeyRotations.TryGetValue(c.BusAddress, out var pending) && pending == c.Generation)
            return Decision<ControllerEvent>.Accept(new DeviceKeyRotated(Id, c.BusAddress, c.Generation, c.At));
        return c.Generation == KeyGeneration(c.BusAddress)
            ? Decision<ControllerEvent>.Accept()
            : Rejection.Of(RejectionCode.Conflict, $"bus address {c.BusAddress} of controller {Id} was never given key generation {c.Generation}");
    }

    private Decision<ControllerEvent> DecideAttach(AttachCabinet c)
    {
        // A cabinet on a controller nobody registered would sit on a bus nothing ever dials.
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        if (c.BusAddress is < 0 or > 0x7E) return Rejection.Of(RejectionCode.Invalid, "busAddress must be between 0 and 126");
        // Re-wired on the same bus, the cabinet keeps its reader unless it is given another.
        var reader = c.ReaderAddress ?? Cabinets.Values.FirstOrDefault(a => a.Cabinet == c.Cabinet)?.ReaderAddress;
        if (reader is < 0 or > 0x7E) return Rejection.Of(RejectionCode.Invalid, "readerAddress must be between 0 and 126").About("readerAddress");
        if (reader == c.BusAddress)
            return Rejection.Of(RejectionCode.Invalid, "readerAddress must differ from busAddress: the reader and the board are two devices").About("readerAddress");
        if (UsedByAnother(c.BusAddress, c.Cabinet) is { } board)
            return Rejection.Of(RejectionCode.Conflict, $"bus address {c.BusAddress} of controller {Id} is taken by cabinet {board}");
        if (reader is { } readerAt && UsedByAnother(readerAt, c.Cabinet) is { } other)
            return Rejection.Of(RejectionCode.Conflict, $"bus address {readerAt} of controller {Id} is taken by cabinet {other}").About("readerAddress");
        var attached = new AttachedCabinet(c.Cabinet, c.RequiresPin, reader);
        return Cabinets.GetValueOrDefault(c.BusAddress) == attached
            ? Decision<ControllerEvent>.Accept()
            : Decision<ControllerEvent>.Accept(new CabinetAttached(Id, c.BusAddress, c.Cabinet, c.RequiresPin, c.At, reader));
    }

    /// <summary>The cabinet other than <paramref name="cabinet"/> whose board or reader answers at <paramref name="address"/>, if any.</summary>
    private CabinetId? UsedByAnother(int address, CabinetId cabinet) =>
        Cabinets.Where(a => a.Value.Cabinet != cabinet && (a.Key == address || a.Value.ReaderAddress == address))
            .Select(a => (CabinetId?)a.Value.Cabinet).FirstOrDefault();

    public ControllerState Apply(ControllerEvent @event) => @event switch
    {
        ControllerRegistered e => this with { Registered = true, Host = e.Host, Port = e.Port, OfflinePolicy = e.OfflinePolicy },
        ControllerChanged e => this with { Host = e.Host, Port = e.Port, OfflinePolicy = e.OfflinePolicy },
        ControllerDecommissioned => this with { Registered = false, Decommissioned = true },
        CabinetAttached e => this with { Cabinets = Cabinets.SetItem(e.BusAddress, new AttachedCabinet(e.Cabinet, e.RequiresPin, e.ReaderAddress)) },
        CabinetDetached e => this with { Cabinets = Cabinets.Remove(e.BusAddress) },
        CommissioningOpened e => this with { Commissioning = Commissioning.SetItem(e.BusAddress, e.Until) },
        DeviceCommissioned e => this with
        {
            Commissioning = Commissioning.Remove(e.BusAddress), KeyGenerations = KeyGenerations.SetItem(e.BusAddress, e.Generation),
            KeyRotations = KeyRotations.Remove(e.BusAddress),
        },
        ControllerTlsSet e => this with { TlsThumbprint = e.Thumbprint },
        KeyRotationRequested e => this with { KeyRotations = KeyRotations.SetItem(e.BusAddress, e.Generation) },
        DeviceKeyRotated e => this with
        {
            KeyGenerations = KeyGenerations.SetItem(e.BusAddress, e.Generation), KeyRotations = KeyRotations.Remove(e.BusAddress),
        },
        ControllerCommunicationLost e => this with { CommunicationLostSince = e.At, OfflineTooLongRaised = false },
        ControllerCommunicationRestored => this with { CommunicationLostSince = null, OfflineTooLongRaised = false },
        ControllerOfflineTooLong => this with { OfflineTooLongRaised = true },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled controller event"),
    };
}
