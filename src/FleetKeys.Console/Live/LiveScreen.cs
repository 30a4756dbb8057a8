using System.Security.Claims;
using FleetKeys.Cluster.Projections.Live;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Console.SignIn;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace FleetKeys.Console.Live;

/// <summary>
/// A screen that shows rows of the read side and reloads them when a change it shows arrives from the <see cref="FleetPulse"/>.
/// Bursts are folded: at most one reload runs, and another follows it only if changes came meanwhile, so a busy fleet
/// costs a screen a few reloads a second however many changes it absorbs.
/// </summary>
public abstract class LiveScreen : ComponentBase, IDisposable
{
    private static readonly TimeSpan Breather = TimeSpan.FromMilliseconds(250);

    private IDisposable? _subscription;
    private int _reloading;
    private volatile bool _stale;

    [Inject] private FleetPulse Pulse { get; set; } = null!;

    [Inject] protected ConsoleAccess Access { get; private set; } = null!;

    [Inject] private ApiTwins Twins { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>The API route whose rows a screen that lists a part of the fleet shows: its permission decides what the user reads.</summary>
    protected virtual ApiTwin? Reads => null;

    /// <summary>What the user's grants holding <see cref="Reads"/>' permission let it read (<see cref="ConsoleAuthentication.ScopedRead"/>).</summary>
    protected Visibility Visible { get; private set; } = new([], []);

    /// <summary>When the rows on screen were read, shown so a person (and a test) can tell the screen is live.</summary>
    protected DateTimeOffset LoadedAt { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null) User = (await Authentication).User;
        if (Reads is { } twin) Visible = await Access.Visible(User, twin);
        // Only an interactive screen is still there to be updated; a prerendered one is not.
        if (!RendererInfo.IsInteractive)
        {
            await Reload();
            return;
        }

        // Listening starts before the first read, and reloads wait for it: a change the read came too early for still
        // reaches the screen (a form's answer lands on a fresh page), and no older read overwrites a newer one.
        _reloading = 1;
        _subscription = Pulse.Subscribe(OnChanges);
        await Reload();
        _ = InvokeAsync(ReloadWhileStale);
    }

    /// <summary>
    /// Whether a role or set of the user holds the permission of the action's API twin somewhere: whether its button is shown
    /// on a list (the server checks the action over the scope of what it touches).
    /// </summary>
    protected bool Holds(ApiTwin action) => Twins.HeldBy(User, action);

    /// <summary>Whether a change alters what this screen shows.</summary>
    protected abstract bool Concerns(LiveEvent change);

    /// <summary>Reads what the screen shows.</summary>
    protected abstract Task Load();

    protected async Task Reload()
    {
        await Load();
        LoadedAt = DateTimeOffset.UtcNow;
    }

    private void OnChanges(IReadOnlyList<LiveEvent> changes)
    {
        if (!changes.Any(Concerns)) return;
        _stale = true;
        if (Interlocked.Exchange(ref _reloading, 1) == 0) _ = InvokeAsync(ReloadWhileStale);
    }

    private async Task ReloadWhileStale()
    {
        do
        {
            try
            {
                while (_stale)
                {
                    _stale = false;
                    await Reload();
                    StateHasChanged();
                    await Task.Delay(Breather);
                }
            }
            catch (ObjectDisposedException)
            {
                // the circuit ended while the screen reloaded
                return;
            }
            finally
            {
                Interlocked.Exchange(ref _reloading, 0);
            }
        }
        // A change that came after the last read but before the flag was let go found the flag still taken.
        while (_stale && Interlocked.Exchange(ref _reloading, 1) == 0);
    }

    public virtual void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
