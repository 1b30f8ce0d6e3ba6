using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fulcrum.Http.Client;

namespace Fulcrum.Http.Load;

/// <summary>
/// Waits until a server answers before a run: <c>GET /v1/models</c> (which also lists the served model
/// names), else <c>GET /health</c>, retried until a deadline, because engines such as vLLM open their
/// port only after loading weights and answer 503 while starting.
/// </summary>
public static class ReadinessProbe
{
    /// <summary>Probes <paramref name="baseAddress"/> every <paramref name="retryInterval"/> until <paramref name="timeout"/> passes.</summary>
    public static async Task<Readiness> WaitAsync(HttpClient http, Uri baseAddress, ApiKey? apiKey, TimeSpan timeout, TimeSpan retryInterval, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseAddress);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        var attempts = 0;
        string? lastError = null;
        while (true)
        {
            try
            {
                attempts++;
                var (status, body) = await GetAsync(http, new Uri(baseAddress, "v1/models"), apiKey, deadline.Token).ConfigureAwait(false);
                if (status == HttpStatusCode.OK)
                {
                    return new Readiness(true, ReadModelIds(body), attempts, null);
                }

                lastError = $"GET /v1/models returned HTTP {(int)status}";
                if (status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                {
                    var (healthStatus, _) = await GetAsync(http, new Uri(baseAddress, "health"), apiKey, deadline.Token).ConfigureAwait(false);
                    if (healthStatus == HttpStatusCode.OK)
                    {
                        return new Readiness(true, null, attempts, null);
                    }

                    lastError += $", GET /health returned HTTP {(int)healthStatus}";
                    if (status == HttpStatusCode.NotFound && healthStatus == HttpStatusCode.NotFound)
                    {
                        return new Readiness(false, null, attempts, lastError) { RoutesNotFound = true };
                    }
                }
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                return new Readiness(false, null, attempts, lastError ?? $"no response within {timeout.TotalSeconds:0.#} s");
            }

            try
            {
                await Task.Delay(retryInterval, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                return new Readiness(false, null, attempts, lastError);
            }
        }
    }

    private static async Task<(HttpStatusCode Status, byte[] Body)> GetAsync(HttpClient http, Uri uri, ApiKey? apiKey, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Value);
        }

        using var response = await http.SendAsync(request, cancel).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
        return (response.StatusCode, body);
    }

    /// <summary>Reads <c>{"data": [{"id": ...}, ...]}</c>; an unexpected shape gives an empty list.</summary>
    internal static IReadOnlyList<string> ReadModelIds(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return data.EnumerateArray()
                .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(m => m.GetProperty("id").GetString()!)
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
