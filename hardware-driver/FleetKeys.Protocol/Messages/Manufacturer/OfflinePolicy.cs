namespace FleetKeys.Protocol.Messages;

/// <summary>What a cabinet does with a badge while its controller cannot reach the cluster.</summary>
public enum OfflinePolicy : byte
{
    /// <summary>Refuse everyone (and log each refusal).</summary>
    DenyAll = 0,

    /// <summary>Decide by the cached allow-list (and log each decision).</summary>
    AllowCached = 1,
}
