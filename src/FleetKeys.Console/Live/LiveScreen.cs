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

    [Inject] private ConsoleAccess Access { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>What the user's grants let it read, for the screens that list a part of the fleet (<see cref="ConsoleAuthentication.ScopedRead"/>).</summary>
    protected Visibility Visible { get; private set; } = new([], []);

    /// <summary>When the rows on screen were read, shown so a person (and a test) can tell the screen is live.</summary>
    protected DateTimeOffset LoadedAt { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null) User = (await Authentication).User;
        Visible = await Access.Visible(User);
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
