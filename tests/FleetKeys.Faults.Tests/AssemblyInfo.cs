[assembly: Xunit.TestCollectionOrderer(FleetKeys.Testing.LongestFirst.Type, FleetKeys.Testing.LongestFirst.Assembly)]
