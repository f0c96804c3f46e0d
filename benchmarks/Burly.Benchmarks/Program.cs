using BenchmarkDotNet.Running;
using Burly.Benchmarks;

// Micro-benchmarks:   dotnet run -c Release --project benchmarks/Burly.Benchmarks -- --filter '*'
// Side by side (HTTP, stdio cold start, docker_ps): benchmarks/compare.sh
return args switch
{
    ["serve-bare"] => await EchoServers.ServeBareAsync(),
    ["serve-burly"] => await EchoServers.ServeBurlyAsync(),
    ["drive", var mode, var calls, var concurrency] => await EchoServers.DriveAsync(mode, int.Parse(calls, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    ["coldstart", var runs, .. var servers] => await ColdStart.RunAsync(int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture), servers),
    ["docker", var calls, var seconds] => await DockerComparison.RunAsync(int.Parse(calls, System.Globalization.CultureInfo.InvariantCulture), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    ["alloc", var calls, .. var rest] => await AllocationProfile.RunAsync(int.Parse(calls, System.Globalization.CultureInfo.InvariantCulture), rest is ["types"]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
