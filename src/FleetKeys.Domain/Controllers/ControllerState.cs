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

    /// <summary>Moves asked for and not yet carried out: the device's present bus address → where it is to answer.</summary>
    public ImmutableDictionary<int, DeviceMove> DeviceMoves { get; init; } = ImmutableDictionary<int, DeviceMove>.Empty;

    /// <summary>
    /// Devices that answer at a new address while their cabinet's wiring still names the old one: old address → the move.
    /// The cabinet owns its wiring; it is told until it has re-wired (<see cref="CabinetAttached"/> at the new address).
    /// </summary>
    public ImmutableDictionary<int, DeviceMove> MovedDevices { get; init; } = ImmutableDictionary<int, DeviceMove>.Empty;

    /// <summary>The baud rate each device was set to by a move (bus address → rate; absent: <see cref="DeviceMove.DefaultBaudRate"/>).</summary>
    public ImmutableDictionary<int, int> BaudRates { get; init; } = ImmutableDictionary<int, int>.Empty;

    /// <summary>Where the device wired at <paramref name="busAddress"/> answers: a moved device's new address until its cabinet re-wires.</summary>
    public int AnswersAt(int busAddress) => MovedDevices.TryGetValue(busAddress, out var moved) ? moved.To : busAddress;

    /// <summary>The cabinet whose board or stock reader is wired at <paramref name="busAddress"/>, if any.</summary>
    public CabinetId? CabinetAt(int busAddress) =>
        Cabinets.TryGetValue(busAddress, out var board) ? board.Cabinet
        : Cabinets.Values.Where(a => a.ReaderAddress == busAddress).Select(a => (CabinetId?)a.Cabinet).FirstOrDefault();

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
            MoveDevice c => DecideMove(c),
            RecordDeviceMoved c => DeviceMoves.TryGetValue(c.BusAddress, out var move) && move.To == c.To
                ? Decision<ControllerEvent>.Accept(new DeviceMoved(Id, c.BusAddress, move, c.At))
                // Both the device's osdp_COM and its first session at the new address report the move: the second is no news.
                : Decision<ControllerEvent>.Accept(),
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
        if (NoDeviceAt(c.BusAddress) is { } none) return none;
        if (KeyRotations.TryGetValue(c.BusAddress, out var pending))
            return Rejection.Of(RejectionCode.Conflict,
                $"the key of bus address {c.BusAddress} of controller {Id} is already being rotated to generation {pending}; " +
                "the driver sends it at the device's next session");
        if (Moving(c.BusAddress) is { } moving) return moving;
        return Decision<ControllerEvent>.Accept(new KeyRotationRequested(Id, c.BusAddress, KeyGeneration(c.BusAddress) + 1, c.By, c.At));
    }

    /// <summary>
    /// A device moves to a free address of its bus (no device there, none moving there); its key for the new address is the
    /// generation after the one in force there. One change at a time per device: not while a rotation or another move waits.
    /// </summary>
    private Decision<ControllerEvent> DecideMove(MoveDevice c)
    {
        if (!Registered) return Rejection.Of(RejectionCode.NotFound, $"controller {Id} does not exist");
        if (NoDeviceAt(c.BusAddress) is { } none) return none;
        if (c.To is < 0 or > 0x7E) return Rejection.Of(RejectionCode.Invalid, "address must be between 0 and 126").About("address");
        if (c.To == c.BusAddress) return Rejection.Of(RejectionCode.Invalid, $"address {c.To} is where the device answers already").About("address");
        if (c.BaudRate is { } rate && !DeviceMove.BaudRates.Contains(rate))
            return Rejection.Of(RejectionCode.Invalid, $"baudRate must be one of {string.Join(", ", DeviceMove.BaudRates)}").About("baudRate");
        if (Moving(c.BusAddress) is { } moving) return moving;
        if (KeyRotations.TryGetValue(c.BusAddress, out var rotating))
            return Rejection.Of(RejectionCode.Conflict,
                $"the key of bus address {c.BusAddress} of controller {Id} is being rotated to generation {rotating}; move the device once it is done");
        if (AddressInUse(c.To) is { } cabinet)
            return Rejection.Of(RejectionCode.Conflict, $"bus address {c.To} of controller {Id} is taken by cabinet {cabinet}").About("address");
        var move = new DeviceMove(c.To, c.BaudRate ?? BaudRates.GetValueOrDefault(c.BusAddress, DeviceMove.DefaultBaudRate), KeyGeneration(c.To) + 1, c.By);
        return Decision<ControllerEvent>.Accept(new DeviceMoveRequested(Id, c.BusAddress, move, c.At));
    }

    /// <summary>Nothing answers at <paramref name="busAddress"/>: no cabinet's board or reader is wired there, or its device moved away.</summary>
    private Rejection? NoDeviceAt(int busAddress) => DeviceAddresses.Of(Cabinets).Contains(busAddress) && !MovedDevices.ContainsKey(busAddress)
        ? null
        : Rejection.Of(RejectionCode.NotFound, $"controller {Id} has no device at bus address {busAddress}");

    private Rejection? Moving(int busAddress) => DeviceMoves.TryGetValue(busAddress, out var move)
        ? Rejection.Of(RejectionCode.Conflict,
            $"the device at bus address {busAddress} of controller {Id} is already being moved to bus address {move.To}; " +
            "the driver carries it out at the device's next session")
        : null;

    /// <summary>The cabinet whose device answers at <paramref name="address"/>, is wired there, or is moving there.</summary>
    private CabinetId? AddressInUse(int address) =>
        CabinetAt(address)
        ?? DeviceMoves.Concat(MovedDevices).Where(m => m.Value.To == address).Select(m => CabinetAt(m.Key)).FirstOrDefault();

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
        // Re-wired on the same bus, the cabinet keeps its reader unless it is given another or it is taken away.
        var reader = c.WithoutReader ? null : c.ReaderAddress ?? Cabinets.Values.FirstOrDefault(a => a.Cabinet == c.Cabinet)?.ReaderAddress;
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

    /// <summary>The cabinet other than <paramref name="cabinet"/> whose board or reader answers at <paramref name="address"/> (or moves there), if any.</summary>
    private CabinetId? UsedByAnother(int address, CabinetId cabinet) => AddressInUse(address) is { } other && other != cabinet ? other : null;

    /// <summary>The board's address and its stock reader's, for the cabinet wired at <paramref name="boardAddress"/>.</summary>
    private IEnumerable<int> AddressesOf(int boardAddress) =>
        Cabinets.TryGetValue(boardAddress, out var cabinet) && cabinet.ReaderAddress is { } reader ? [boardAddress, reader] : [boardAddress];

    public ControllerState Apply(ControllerEvent @event) => @event switch
    {
        ControllerRegistered e => this with { Registered = true, Host = e.Host, Port = e.Port, OfflinePolicy = e.OfflinePolicy },
        ControllerChanged e => this with { Host = e.Host, Port = e.Port, OfflinePolicy = e.OfflinePolicy },
        ControllerDecommissioned => this with { Registered = false, Decommissioned = true },
        CabinetAttached e => this with
        {
            Cabinets = Cabinets.SetItem(e.BusAddress, new AttachedCabinet(e.Cabinet, e.RequiresPin, e.ReaderAddress)),
            // The cabinet re-wired to where its moved device answers: nothing left to follow.
            MovedDevices = MovedDevices.RemoveRange(MovedDevices.Where(m => m.Value.To == e.BusAddress || m.Value.To == e.ReaderAddress).Select(m => m.Key)),
        },
        CabinetDetached e => this with
        {
            Cabinets = Cabinets.Remove(e.BusAddress),
            // A cabinet gone from the bus takes its devices' moves along.
            DeviceMoves = DeviceMoves.RemoveRange(AddressesOf(e.BusAddress)),
            MovedDevices = MovedDevices.RemoveRange(AddressesOf(e.BusAddress)),
        },
        DeviceMoveRequested e => this with { DeviceMoves = DeviceMoves.SetItem(e.BusAddress, e.Move) },
        DeviceMoved e => this with
        {
            DeviceMoves = DeviceMoves.Remove(e.BusAddress), MovedDevices = MovedDevices.SetItem(e.BusAddress, e.Move),
            KeyGenerations = KeyGenerations.SetItem(e.Move.To, e.Move.Generation), BaudRates = BaudRates.SetItem(e.Move.To, e.Move.BaudRate),
        },
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
