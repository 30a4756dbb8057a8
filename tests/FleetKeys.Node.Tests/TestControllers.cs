using System.Net;
using System.Text.Json;

namespace FleetKeys.Node.Tests;

/// <summary>
/// Where test cabinets are wired. Every cabinet needs a registered controller; these are registered where nothing listens,
/// a hundred cabinets to each, so a test node dials a few controllers rather than one per cabinet.
/// </summary>
public static class TestControllers
{
    private static int _cabinets;

    public static async Task<(string Controller, int BusAddress)> NextBusAddress(HttpClient admin)
    {
        var n = Interlocked.Increment(ref _cabinets);
        var controller = $"ctl-tests-{n / 100}";
        await (await admin.Post("/api/v1/controllers", new { id = controller, host = "127.0.0.1", port = 9 })).Read<JsonElement>(HttpStatusCode.Created);
        return (controller, n % 100 + 1);
    }
}
