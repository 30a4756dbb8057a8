namespace FleetKeys.Testing;

public static class Endpoint
{
    /// <summary>
    /// Waits until a node's endpoint answers 200 — a server starting up, not a timer. A refused connection means "not
    /// listening yet"; <paramref name="gone"/> says whether the process died, which no wait can outlast.
    /// </summary>
    public static async Task AnswersOk(Uri url, TimeSpan within, Func<string?>? gone = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (gone?.Invoke() is { } why) throw new InvalidOperationException($"{url} will never answer: {why}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not answer 200 within {within}");
            await Task.Delay(100);
        }
    }
}
