using System.Net;
using System.Net.Sockets;

namespace FleetKeys.Testing;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now, for servers that must be told their port in advance.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
