using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Fulcrum.Benchmarks;

/// <summary>
/// <c>fulcrum serve-sim</c> in a process of its own, so the client under test shares neither its thread pool nor its
/// garbage collector. With two or more cores and <c>taskset</c> on the path, the server is held to the last core and
/// this process to the others, so neither takes the other's CPU. The server records when it flushed each token
/// (<c>--token-times</c>); <see cref="StopAndReadTokenTimes"/> stops it and reads them back.
/// </summary>
internal sealed class ServeSimProcess : IDisposable
{
    private readonly Process process;
    private readonly string timesPath;

    private ServeSimProcess(Process process, Uri address, string timesPath, string? pinning)
    {
        this.process = process;
        this.timesPath = timesPath;
        Address = address;
        Pinning = pinning;
    }

    public Uri Address { get; }

    /// <summary>How the two processes were placed on cores, or null when they were not pinned.</summary>
    public string? Pinning { get; }

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the server with <paramref name="arguments"/> after <c>serve-sim</c> and waits until it listens.</summary>
    public static ServeSimProcess Start(IReadOnlyList<string> arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "fulcrum.dll");
        var timesPath = Path.Combine(Path.GetTempPath(), $"fulcrum-bench-times-{Environment.ProcessId}.jsonl");
        var cores = Environment.ProcessorCount;
        var pin = cores >= 2 && OperatingSystem.IsLinux() && File.Exists("/usr/bin/taskset");
        var start = new ProcessStartInfo(pin ? "/usr/bin/taskset" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (pin)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add((cores - 1).ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add("dotnet");
        }

        foreach (var argument in new[] { cli, "serve-sim", "--port", "0", "--token-times", timesPath }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start fulcrum serve-sim");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var address = ReadAddress(process);
        string? pinning = null;
        if (pin)
        {
            // -a: every thread of this process, including the runtime's, not only the main one.
            using var taskset = Process.Start("/usr/bin/taskset", ["-a", "-p", "-c", $"0-{cores - 2}", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
            taskset.WaitForExit();
            pinning = $"server on core {cores - 1}, client on cores 0-{cores - 2}";
        }

        return new ServeSimProcess(process, address, timesPath, pinning);
    }

    /// <summary>
    /// Stops the server (SIGTERM, so it writes its token times) and returns, per request id, the times just before
    /// and just after each token's flush in its last response under that id, as <see cref="Stopwatch"/> timestamps.
    /// </summary>
    public Dictionary<string, (long[] Before, long[] After)> StopAndReadTokenTimes()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException("serve-sim did not stop within 60 s of SIGTERM");
        }

        var times = new Dictionary<string, (long[], long[])>();
        foreach (var line in File.ReadLines(timesPath))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            times[root.GetProperty("request_id").GetString()!] = (Timestamps(root, "token_times_ns"), Timestamps(root, "flushed_ns"));
        }

        File.Delete(timesPath);
        return times;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        File.Delete(timesPath);
    }

    private static long[] Timestamps(JsonElement response, string name) =>
        response.GetProperty(name).EnumerateArray().Select(t => (long)(t.GetInt64() * (Stopwatch.Frequency / 1e9))).ToArray();

    /// <summary>Reads the server's "Serving ... at http://127.0.0.1:PORT/ ..." line.</summary>
    private static Uri ReadAddress(Process process)
    {
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var at = line.IndexOf(" at http://", StringComparison.Ordinal);
            if (at >= 0)
            {
                var url = line[(at + 4)..].Split(' ')[0];
                _ = Task.Run(() => process.StandardOutput.ReadToEnd());
                return new Uri(url);
            }
        }

        throw new InvalidOperationException($"fulcrum serve-sim exited with code {process.ExitCode} before listening");
    }
}
