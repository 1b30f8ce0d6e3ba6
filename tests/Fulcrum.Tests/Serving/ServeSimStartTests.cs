using Fulcrum.Errors;
using Fulcrum.Http.Serving;
using Fulcrum.Performance;
using Fulcrum.Tests.Cli;
using Microsoft.Extensions.Logging;

namespace Fulcrum.Tests.Serving;

/// <summary>serve-sim's start-up failures: each is bad input (exit 2) with one clear message and no stack trace.</summary>
[Collection(LoopbackTimingGroup.Name)]
public class ServeSimStartTests
{
    [Fact]
    public void ServeSim_RejectsPortAbove65535()
    {
        var (code, _, error) = CliRunner.Run("serve-sim", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--port", "70000");

        Assert.Equal(2, code);
        Assert.Contains("--port 70000", error, StringComparison.Ordinal);
        Assert.Contains("65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeSim_RejectsAddressNotOnMachine()
    {
        // 192.0.2.1 is in TEST-NET-1 (RFC 5737), reserved for documentation, so no machine running the tests has it.
        // Binding fails locally; no packet leaves the machine.
        var (code, _, error) = CliRunner.Run("serve-sim", "--model", "Llama-3.1-8B", "--gpu", "H100-SXM", "--gpus", "1", "--host", "192.0.2.1", "--port", "0");

        Assert.Equal(2, code);
        Assert.Contains("--host 192.0.2.1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_LogsNoStackTrace()
    {
        await using var first = await TwinServer.StartAsync();
        var deployment = TwinServer.Deployment();
        var logged = new List<string>();

        var error = await Assert.ThrowsAsync<InputException>(() => SimServer.StartAsync(
            new SimServerOptions { Deployment = deployment, CostModel = new StepCostModel(deployment), Port = first.Address.Port },
            logging => logging.AddProvider(new ListLoggerProvider(logged))));

        Assert.Contains($"--port {first.Address.Port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logged, line => line.Contains("Hosting failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartLog_OmitsDeploymentLine()
    {
        var deployment = TwinServer.Deployment();
        var logged = new List<string>();

        await using var server = await SimServer.StartAsync(
            new SimServerOptions { Deployment = deployment, CostModel = new StepCostModel(deployment), Port = 0 },
            logging => logging.AddProvider(new ListLoggerProvider(logged)));

        // serve-sim prints the deployment line itself, so the log must not repeat it.
        Assert.Contains(logged, line => line.Contains("Serving", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => line.Contains(server.Served.Describe(), StringComparison.Ordinal));
    }

    /// <summary>Collects every log entry's category, level and message, exception included.</summary>
    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(string category, List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add($"{category} {logLevel}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
