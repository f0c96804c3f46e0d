using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Burly.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
