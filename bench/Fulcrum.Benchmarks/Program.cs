using BenchmarkDotNet.Running;
using Fulcrum.Benchmarks;

// Run with: dotnet run -c Release --project bench/Fulcrum.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(LiveClientBenchmarks).Assembly).Run(args);
