namespace FleetKeys.Protocol.Channels;

public enum PanelState
{
    /// <summary>No session: call <see cref="PanelChannel.StartHandshake"/>.</summary>
    NotSecured,

    /// <summary>CHLNG sent, waiting for CCRYPT.</summary>
    Challenging,

    /// <summary>SCRYPT sent, waiting for RMAC_I.</summary>
    Proving,

    Established,
}
