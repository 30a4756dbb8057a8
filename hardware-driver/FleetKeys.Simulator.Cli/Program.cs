using System.Net.Sockets;
using System.Runtime.InteropServices;
using FleetKeys.Simulator.Cli;

if (!CliOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CliOptions.Usage);
    return 2;
}

using var stopping = new CancellationTokenSource();
// Both signals end the run through the same clean shutdown instead of killing the process mid-write.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    await SimulatorRun.RunAsync(options, Console.Out, TimeProvider.System, stopping.Token);
    return 0;
}
catch (SocketException failure)
{
    Console.Error.WriteLine($"cannot listen: {failure.Message}");
    return 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
