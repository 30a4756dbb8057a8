using System.Net;
using System.Net.Sockets;

namespace FleetKeys.Testing;

public static class FreePort
{
    /// <summary>
    /// Below Linux's ephemeral range (32768–60999): a port the OS hands out for port 0 can be taken by any outgoing
    /// connection (nodes dial databases and controllers all the time) before the server told to use it starts.
    /// </summary>
    private const int First = 20_000, Last = 32_000;

    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback port nobody listens on right now, for servers that must be told their port in advance.</summary>
    public static int Next()
    {
        lock (Given)
            while (true)
            {
                var port = Random.Shared.Next(First, Last);
                if (!Given.Add(port)) continue;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // in use: try another
                }
            }
    }
}
