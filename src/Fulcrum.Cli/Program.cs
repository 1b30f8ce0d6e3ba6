using Fulcrum.Cli;

// The benchmark client must add as little delay as it can to each token's time. Running socket completions on
// the thread that polls the sockets, rather than queueing each to the thread pool, halves its CPU per token and
// keeps its median added delay near 25 µs at 100,000 tokens/s (docs/BENCHMARKS.md). .NET reads this setting once,
// when the first socket is made, so it is set here, before any command runs; a value the user set is kept.
if (args.Length > 0 && args[0] == "bench" && Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

return CliApp.Run(args, Console.Out, Console.Error);
