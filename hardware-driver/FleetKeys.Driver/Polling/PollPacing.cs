namespace FleetKeys.Driver.Polling;

/// <summary>
/// How often a bus polls its cabinets: every <paramref name="Interval"/> while a cabinet is active, every
/// <paramref name="IdleInterval"/> once it has been quiet for <paramref name="ActiveWindow"/>.
/// </summary>
internal sealed record PollPacing(TimeSpan Interval, TimeSpan IdleInterval, TimeSpan ActiveWindow)
{
    public static PollPacing From(DriverSettings settings) =>
        new(settings.PollInterval, settings.IdlePollInterval < settings.PollInterval ? settings.PollInterval : settings.IdlePollInterval,
            settings.ActivePollWindow);
}
