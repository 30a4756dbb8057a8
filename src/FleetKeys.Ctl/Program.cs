using FleetKeys.Ctl;
using FleetKeys.Ctl.Interactive;

// A terminal gets the line editor; redirected input (a script, a test) is read as plain lines.
ILineReader lines = Console.IsInputRedirected || Console.IsOutputRedirected
    ? new PlainLineReader(Console.In, Console.Error)
    : new LineEditor(() => Console.ReadKey(intercept: true), Console.Out);
return await Fleetctl.Run(args, lines, Console.Out, Console.Error);
