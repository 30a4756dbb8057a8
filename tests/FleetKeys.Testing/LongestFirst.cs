using Xunit;
using Xunit.Abstractions;

namespace FleetKeys.Testing;

/// <summary>Marks a spec class that takes minutes, so <see cref="LongestFirst"/> starts it before the short ones.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute : Attribute;

/// <summary>
/// Starts the collections of <see cref="LongRunningAttribute"/> classes first, the others after in xUnit's own order. xUnit
/// runs as many collections at once as the machine has cores; a collection of minutes that happened to start last ran
/// alone at the end while a core stood idle (seen: the cluster fault specs after everything else, a minute and a half).
/// Seeing every class of the run, it also tells <see cref="RunPlan"/> which fixtures they take.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public const string Type = "FleetKeys.Testing.LongestFirst";
    public const string Assembly = "FleetKeys.Testing";

    /// <summary>What xUnit names a class's own collection, a class without [Collection].</summary>
    private const string ClassCollection = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var collections = testCollections.ToList();
        RunPlan.Plan(collections.Select(ClassOf).OfType<IReflectionTypeInfo>().Select(t => t.Type));
        return collections.OrderBy(c => IsLong(c) ? 0 : 1);
    }

    private static bool IsLong(ITestCollection collection) =>
        (collection.CollectionDefinition ?? ClassOf(collection))?.GetCustomAttributes(typeof(LongRunningAttribute).AssemblyQualifiedName).Any() == true;

    /// <summary>The test class of a class's own collection; null for a named collection.</summary>
    private static ITypeInfo? ClassOf(ITestCollection collection) =>
        collection.DisplayName.StartsWith(ClassCollection, StringComparison.Ordinal)
            ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollection.Length..])
            : null;
}
