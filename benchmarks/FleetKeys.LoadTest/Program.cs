using FleetKeys.LoadTest;
using FleetKeys.LoadTest.Hosting;
using FleetKeys.LoadTest.NodeSide;

if (args is [NodeRole.Verb]) return await NodeRole.RunAsync();

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var database = ExternalDatabase.For(options);
await database.InitializeAsync();
try
{
    var report = await LoadTestRun.RunAsync(options, database, Console.Out, stop.Token);
    report.Print(Console.Out);
    return report.Passed ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // The node's process and the simulated fleet are stopped on the way out.
    Console.Error.WriteLine("stopped by Ctrl+C");
    return 130;
}
finally
{
    await database.DisposeAsync();
}
