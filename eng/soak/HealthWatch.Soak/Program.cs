using System.Globalization;
using HealthWatch.Soak;

// The load and soak run behind eng/soak.sh: probes, good and hostile, against a loopback server, through the
// runtime in this process and through the sidecar (healthwatch serve --stdio); see SoakRun.
if (args is not [var minutesText, var sidecar, var probes]
    || !double.TryParse(minutesText, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
{
    Console.Error.WriteLine("usage: HealthWatch.Soak MINUTES HEALTHWATCH_DLL PROBES_DIR");
    return 2;
}

var concurrency = int.Parse(Environment.GetEnvironmentVariable("SOAK_CONCURRENCY") ?? "1000", CultureInfo.InvariantCulture);
return await SoakRun.RunAsync(TimeSpan.FromMinutes(minutes), sidecar, probes, concurrency);
