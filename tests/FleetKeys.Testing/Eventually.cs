namespace FleetKeys.Testing;

public static class Eventually
{
    /// <summary>
    /// For effects that travel asynchronously between entities (never for timers, which tests drive by hand):
    /// retries the assertion until it holds or the bound passes, then lets its failure through. The default bound is
    /// generous: it costs nothing while the effect arrives, and a loaded machine (a CI runner, specs running side by side)
    /// can take several seconds to carry an event through a projection.
    /// </summary>
    public static Task Holds(Action assertion, TimeSpan? within = null) => Holds(() =>
    {
        assertion();
        return Task.CompletedTask;
    }, within);

    public static async Task Holds(Func<Task> assertion, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
