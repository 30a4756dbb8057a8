namespace FleetKeys.Simulator;

/// <summary>
/// Conditions a test awaits on a cabinet. Each is checked when registered and again after every
/// change the cabinet makes (a command executed, a person's action, the offline timer), so a
/// waiting test completes on the change itself and never polls or sleeps. Shares the owner's lock.
/// </summary>
internal sealed class Watchers(Lock gate)
{
    private readonly List<Watch> _watches = [];

    public Task<T> Add<T>(Func<(bool Done, T Value)> probe, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var watch = new Watch<T>(probe);
            if (watch.TryComplete()) return watch.Task;
            _watches.Add(watch);
            watch.Registration = cancellationToken.UnsafeRegister(_ =>
            {
                lock (gate) _watches.Remove(watch);
                watch.Cancel(cancellationToken);
            }, null);
            return watch.Task;
        }
    }

    /// <summary>Call under the owner's lock after each change.</summary>
    public void Check() => _watches.RemoveAll(watch => watch.TryComplete());

    /// <summary>The owner is going away: nothing it watches can happen any more.</summary>
    public void Abandon(string owner)
    {
        lock (gate)
        {
            foreach (var watch in _watches) watch.Fail(new ObjectDisposedException(owner));
            _watches.Clear();
        }
    }

    private abstract class Watch
    {
        public CancellationTokenRegistration Registration { get; set; }

        public abstract bool TryComplete();

        public abstract void Cancel(CancellationToken token);

        public abstract void Fail(Exception error);
    }

    private sealed class Watch<T>(Func<(bool Done, T Value)> probe) : Watch
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public override bool TryComplete()
        {
            try
            {
                var (done, value) = probe();
                if (!done) return false;
                _completion.TrySetResult(value);
            }
            catch (Exception error)
            {
                // A condition that throws is the test's bug: surface it in the awaiting test, not in the cabinet.
                _completion.TrySetException(error);
            }
            // Unregister does not wait for a running cancellation callback, which needs the lock we hold.
            Registration.Unregister();
            return true;
        }

        public override void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
