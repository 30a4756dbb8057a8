[assembly: Xunit.TestCollectionOrderer(FleetKeys.Testing.LongestFirst.Type, FleetKeys.Testing.LongestFirst.Assembly)]

// Most of these specs wait on something outside the test host — a node process starting, a demo's people, a stream — so
// four at a time keep two cores busier than two did (Node.Tests 6 m 21 s instead of 7 m 25 s on a loaded two-core
// machine); the CPU-bound Cluster.Tests were slower with four and keep xUnit's default of one per core.
[assembly: Xunit.CollectionBehavior(MaxParallelThreads = 4)]
