using Xunit;

namespace FleetKeys.Testing;

/// <summary>
/// A class fixture that hands every test class taking it one shared <typeparamref name="T"/>, started by the first of them
/// and disposed after the last class of the run that takes it (<see cref="RunPlan"/>): a class fixture of xUnit's own lives
/// for one class only, and the classes that share this one do not run back to back.
/// </summary>
public abstract class SharedFixture<T> : IAsyncLifetime where T : IAsyncLifetime, new()
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static T? _fixture;
    private static int _holders;
    private static int _done;

    private T? _held;

    /// <summary>The shared one, once <see cref="InitializeAsync"/> has got it.</summary>
    protected T Shared => _held ?? throw new InvalidOperationException($"{GetType().Name} has no {typeof(T).Name}: its start failed");

    /// <summary>Starts the shared one if no class holds it; a start that fails is tried again by the next class.</summary>
    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_fixture is null)
            {
                var fixture = new T();
                try
                {
                    await fixture.InitializeAsync();
                }
                catch
                {
                    await fixture.DisposeAsync();
                    throw;
                }
                _fixture = fixture;
            }
            _holders++;
            _held = _fixture;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _done++;
            if (_held is not null) _holders--;
            // Without a plan (no RunPlan from the orderer) the shared one goes when no class holds it.
            if (_fixture is null || _holders > 0 || _done < RunPlan.ClassesTaking(GetType())) return;
            await _fixture.DisposeAsync();
            _fixture = default;
        }
        finally
        {
            Gate.Release();
        }
    }
}
