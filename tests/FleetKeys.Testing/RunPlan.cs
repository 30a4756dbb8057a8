using System.Collections.Concurrent;

namespace FleetKeys.Testing;

/// <summary>
/// How many of the run's test classes take each class fixture, known before the first class starts: <see cref="LongestFirst"/>
/// sees every class of the run (the filtered ones only) when it orders them. A <see cref="SharedFixture{T}"/> lives until the
/// last of its classes is done.
/// </summary>
public static class RunPlan
{
    private static ConcurrentDictionary<Type, int> _classesTaking = new();

    public static int ClassesTaking(Type fixture) => _classesTaking.GetValueOrDefault(fixture);

    internal static void Plan(IEnumerable<Type> testClasses)
    {
        var counts = new ConcurrentDictionary<Type, int>();
        foreach (var fixture in testClasses.SelectMany(FixturesOf)) counts.AddOrUpdate(fixture, 1, (_, n) => n + 1);
        _classesTaking = counts;
    }

    private static IEnumerable<Type> FixturesOf(Type testClass) =>
        testClass.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Xunit.IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0]);
}
