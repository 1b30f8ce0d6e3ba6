using Fulcrum.Cli;

// The benchmark client must add as little delay as it can to each token's time. So `bench` runs socket completions
// on the thread that polls the sockets instead of queueing each to the thread pool. With 2,000 streams at about
// 115,000 tokens/s this cut its CPU per token by a third and its median added delay from 0.15 to 0.03 ms
// (docs/BENCHMARKS.md).
// .NET reads this setting once, when the first socket is made, so it is set before any command runs.
// A value the user set is kept.
if (args.Length > 0 && args[0] == "bench" && Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

return CliApp.Run(args, Console.Out, Console.Error);
