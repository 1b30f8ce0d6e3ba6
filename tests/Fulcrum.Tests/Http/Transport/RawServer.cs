using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Fulcrum.Tests.Http.Transport;

/// <summary>
/// A TCP server on 127.0.0.1 (port chosen by the OS) that runs a test's script on each accepted connection.
/// Scripts write raw bytes, so a test controls the HTTP framing and the TCP writes exactly.
/// </summary>
internal sealed class RawServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawConnection, Task> _script;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<RawConnection> _connections = [];
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _acceptLoop;
    private int _accepted;

    private RawServer(Func<RawConnection, Task> script)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Every request read by a script, in the order read.</summary>
    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    /// <summary>Cancelled when the server stops, so scripts that wait on a test end with it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public static RawServer Start(Func<RawConnection, Task> script) => new(script);

    /// <summary>Starts a server that responds to every request on every connection with <paramref name="response"/>.</summary>
    public static RawServer Answering(string response) => Start(async connection =>
    {
        while (await connection.ReadRequestAsync() is not null)
        {
            await connection.WriteAsync(response);
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        // Scripts end with an IOException or a cancellation once their sockets close, and only their ending matters here.
        var all = Task.WhenAll(_sessions);
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = new RawConnection(this, socket, Interlocked.Increment(ref _accepted));
            _connections.Add(connection);
            _sessions.Add(Task.Run(() => RunAsync(connection)));
        }
    }

    private async Task RunAsync(RawConnection connection)
    {
        try
        {
            await _script(connection);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client or the test closed the connection.
        }
        finally
        {
            connection.Dispose();
        }
    }
}
