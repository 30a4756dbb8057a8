using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.Faults.Tests;

/// <summary>Registers a simulated fleet and its people through a node's HTTP API, as an administrator would.</summary>
public static class HttpFleet
{
    public const string Site = "faults";
    public const string TimeZone = "Europe/Berlin";

    public static async Task Register(HttpClient api, FleetDescription fleet, IEnumerable<SimulatedPerson> people)
    {
        await Send(api, "/api/v1/sites", new { id = Site, name = "Fault suite", timeZone = TimeZone });
        foreach (var controller in fleet.Controllers)
        {
            await Send(api, "/api/v1/controllers", new { id = controller.ControllerId, host = fleet.Host, port = controller.Port, offlinePolicy = "allowCached" });
            foreach (var cabinet in controller.Cabinets)
            {
                await Send(api, "/api/v1/cabinets", new
                {
                    id = cabinet.CabinetId, siteId = Site, controllerId = controller.ControllerId, busAddress = (int)cabinet.BusAddress,
                    slotCount = cabinet.SlotCount,
                });
                for (var slot = 1; slot <= cabinet.SlotCount; slot++) await AssignKey(api, cabinet, slot);
            }
        }

        foreach (var person in people) await Register(api, person);
    }

    /// <summary>Homes the cabinet's own tag for the slot: out for eight hours at most, or until <paramref name="returnBy"/> (site time).</summary>
    public static Task AssignKey(HttpClient api, CabinetSpec cabinet, int slot, string? returnBy = null) =>
        Send(api, $"/api/v1/cabinets/{cabinet.CabinetId}/slots/{slot}/key", new
        {
            keyId = $"{cabinet.CabinetId}-k{slot}", name = $"Key {slot}", group = "general", tagId = cabinet.Tags[slot - 1].ToHex(),
            maxDurationMinutes = 480, returnBy,
        }, put: true);

    /// <summary>A person with one badge, entitled to every key of the site.</summary>
    public static async Task Register(HttpClient api, SimulatedPerson person)
    {
        await Send(api, "/api/v1/people", new { id = person.PersonId, name = person.PersonId, maxKeys = 4 });
        await Send(api, $"/api/v1/people/{person.PersonId}/badges", new { badge = person.Badge.ToHex() });
        await Send(api, $"/api/v1/people/{person.PersonId}/entitlements", new[] { new { siteId = Site } }, put: true);
    }

    /// <summary>
    /// Sends as a careful client does: since a first try that was answered 503 may have taken effect, "already exists" on
    /// a later one means done.
    /// </summary>
    private static async Task Send(HttpClient api, string path, object body, bool put = false)
    {
        var (response, attempts) = await Patiently(() => put ? api.PutAsJsonAsync(path, body) : api.PostAsJsonAsync(path, body));
        if (response.IsSuccessStatusCode || (attempts > 1 && response.StatusCode == HttpStatusCode.Conflict)) return;
        throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> Get(HttpClient api, string path)
    {
        var (response, _) = await Patiently(() => api.GetAsync(path));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// A 503 (the cluster busy, still starting, or moving an entity after a node joined) is tried again after its
    /// Retry-After, a few times, as the API asks of its clients.
    /// </summary>
    private static async Task<(HttpResponseMessage Response, int Attempts)> Patiently(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5) return (response, attempt);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }
}
