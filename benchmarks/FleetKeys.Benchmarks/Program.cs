using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/FleetKeys.Benchmarks -- --filter '*'   (docs/benchmarks.md lists the runs)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
