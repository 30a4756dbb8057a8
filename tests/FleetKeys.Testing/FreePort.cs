using System.Net;
using System.Net.Sockets;

namespace FleetKeys.Testing;

public static class FreePort
{
    /// <summary>
    /// Below Linux's ephemeral range (32768–60999): a port the OS hands out for port 0 can be taken by any outgoing
    /// connection (nodes dial databases and controllers all the time) before the server told to use it starts. Test runs
    /// side by side (./test.sh runs two projects at once) are given ranges of their own in FLEETKEYS_TEST_PORTS
    /// ("first-last"), so one never picks a port the other picked but has not bound yet.
    /// </summary>
    private static readonly (int First, int Last) Range = Environment.GetEnvironmentVariable("FLEETKEYS_TEST_PORTS")?.Split('-') is [var first, var last]
        ? (int.Parse(first, System.Globalization.CultureInfo.InvariantCulture), int.Parse(last, System.Globalization.CultureInfo.InvariantCulture))
        : (20_000, 32_000);

    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback port nobody listens on right now, for servers that must be told their port in advance.</summary>
    public static int Next()
    {
        lock (Given)
            while (true)
            {
                var port = Random.Shared.Next(Range.First, Range.Last);
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
