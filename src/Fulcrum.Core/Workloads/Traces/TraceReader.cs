using System.Globalization;
using System.Text.Json;
using Fulcrum.Errors;

namespace Fulcrum.Workloads.Traces;

/// <summary>
/// Reads request traces in the layouts of <see cref="TraceFormat"/>, chosen from the header line (CSV) or the first
/// record's keys (JSON Lines). Extra columns and keys are ignored. Errors name the file, line and field.
/// </summary>
public static class TraceReader
{
    private const string AzureTimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>Reads the trace at <paramref name="path"/>.</summary>
    public static Trace Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"Trace file '{path}' not found; pass a path to a CSV or JSONL trace or a built-in name ({string.Join(", ", TraceCatalog.Names)}).");
        }

        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a trace from <paramref name="reader"/>; <paramref name="name"/> labels errors and the result.</summary>
    public static Trace Read(TextReader reader, string name)
    {
        var lineNumber = 0;
        string? first;
        do
        {
            first = reader.ReadLine();
            lineNumber++;
        }
        while (first is not null && string.IsNullOrWhiteSpace(first));

        if (first is null)
        {
            throw new InputException($"{name}: the trace is empty; expected a CSV header or a JSON object per line.");
        }

        var rows = first.TrimStart().StartsWith('{')
            ? ReadJsonLines(reader, name, first, lineNumber, out var format)
            : ReadCsv(reader, name, first, lineNumber, out format);
        if (rows.Count == 0)
        {
            throw new InputException($"{name}: the trace has no requests after its header.");
        }

        return new Trace(name, format, Normalize(rows));
    }

    /// <summary>Sorts rows by arrival (stable) and shifts the times so the first request arrives at 0.</summary>
    private static WorkloadRequest[] Normalize(List<WorkloadRequest> rows)
    {
        var sorted = rows.OrderBy(r => r.ArrivalSeconds).ToArray();
        var origin = sorted[0].ArrivalSeconds;
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = sorted[i] with { ArrivalSeconds = sorted[i].ArrivalSeconds - origin };
        }

        return sorted;
    }

    private static List<WorkloadRequest> ReadCsv(TextReader reader, string name, string header, int lineNumber, out TraceFormat format)
    {
        var columns = header.Split(',').Select(c => c.Trim()).ToList();
        int Column(string column) => columns.FindIndex(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));

        int time;
        int input;
        int output;
        if ((time = Column("TIMESTAMP")) >= 0)
        {
            format = TraceFormat.AzureCsv;
            (input, output) = (Column("ContextTokens"), Column("GeneratedTokens"));
        }
        else if ((time = Column("arrival_s")) >= 0)
        {
            format = TraceFormat.GenericCsv;
            (input, output) = (Column("input_tokens"), Column("output_tokens"));
        }
        else
        {
            throw new InputException(
                $"{name}:{lineNumber}: unknown CSV header '{header.Trim()}'; expected 'TIMESTAMP,ContextTokens,GeneratedTokens' (Azure) or 'arrival_s,input_tokens,output_tokens' (generic).");
        }

        if (input < 0 || output < 0)
        {
            var expected = format == TraceFormat.AzureCsv ? "ContextTokens and GeneratedTokens" : "input_tokens and output_tokens";
            throw new InputException($"{name}:{lineNumber}: the header lacks {expected}.");
        }

        var rows = new List<WorkloadRequest>();
        long? originTicks = null;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            string Field(int index) => index < fields.Length
                ? fields[index].Trim()
                : throw new InputException($"{name}:{lineNumber}: missing field '{columns[index]}'; the line has {fields.Length} of {columns.Count} columns.");

            double arrival;
            if (format == TraceFormat.AzureCsv)
            {
                var text = Field(time);
                if (!DateTime.TryParseExact(text, [AzureTimestampFormat, "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var stamp))
                {
                    throw new InputException($"{name}:{lineNumber}: field 'TIMESTAMP' is '{text}', not a time of the form YYYY-MM-DD HH:MM:SS.fffffff.");
                }

                originTicks ??= stamp.Ticks;
                arrival = (stamp.Ticks - originTicks.Value) / (double)TimeSpan.TicksPerSecond;
            }
            else
            {
                arrival = ParseSeconds(Field(time), name, lineNumber, columns[time]);
            }

            rows.Add(new WorkloadRequest(arrival, ParseTokens(Field(input), name, lineNumber, columns[input]), ParseTokens(Field(output), name, lineNumber, columns[output])));
        }

        return rows;
    }

    private static List<WorkloadRequest> ReadJsonLines(TextReader reader, string name, string first, int lineNumber, out TraceFormat format)
    {
        var rows = new List<WorkloadRequest>();
        TraceFormat? detected = null;
        var line = first;
        while (line is not null)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                rows.Add(ParseJsonLine(line, name, lineNumber, ref detected));
            }

            line = reader.ReadLine();
            lineNumber++;
        }

        format = detected!.Value;
        return rows;
    }

    private static WorkloadRequest ParseJsonLine(string line, string name, int lineNumber, ref TraceFormat? format)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InputException($"{name}:{lineNumber}: invalid JSON ({e.Message}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException($"{name}:{lineNumber}: expected a JSON object per line.");
            }

            format ??= root.TryGetProperty("timestamp", out _) ? TraceFormat.MooncakeJsonl
                : root.TryGetProperty("arrival_s", out _) ? TraceFormat.GenericJsonl
                : throw new InputException($"{name}:{lineNumber}: unknown record; expected the keys timestamp, input_length, output_length (Mooncake) or arrival_s, input_tokens, output_tokens (generic).");

            var mooncake = format == TraceFormat.MooncakeJsonl;
            var timeKey = mooncake ? "timestamp" : "arrival_s";
            var time = JsonNumber(root, timeKey, name, lineNumber);
            var arrival = mooncake ? time / 1000.0 : time;
            if (!(arrival >= 0) || double.IsInfinity(arrival))
            {
                throw new InputException($"{name}:{lineNumber}: field '{timeKey}' must be a non-negative time; got {time}.");
            }

            var inputKey = mooncake ? "input_length" : "input_tokens";
            var outputKey = mooncake ? "output_length" : "output_tokens";
            return new WorkloadRequest(arrival, JsonTokens(root, inputKey, name, lineNumber), JsonTokens(root, outputKey, name, lineNumber));
        }
    }

    private static double JsonNumber(JsonElement root, string key, string name, int lineNumber)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            throw new InputException($"{name}:{lineNumber}: missing field '{key}'.");
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new InputException($"{name}:{lineNumber}: field '{key}' must be a number; got {value.GetRawText()}.");
        }

        return value.GetDouble();
    }

    private static int JsonTokens(JsonElement root, string key, string name, int lineNumber)
    {
        var value = JsonNumber(root, key, name, lineNumber);
        if (value < 1 || value > int.MaxValue || value != Math.Floor(value))
        {
            throw new InputException($"{name}:{lineNumber}: field '{key}' must be a whole number of tokens, at least 1; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return (int)value;
    }

    private static double ParseSeconds(string text, string name, int lineNumber, string field)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= 0) || double.IsInfinity(value))
        {
            throw new InputException($"{name}:{lineNumber}: field '{field}' must be a non-negative number of seconds; got '{text}'.");
        }

        return value;
    }

    private static int ParseTokens(string text, string name, int lineNumber, string field)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new InputException($"{name}:{lineNumber}: field '{field}' must be a whole number of tokens, at least 1; got '{text}'.");
        }

        return value;
    }
}
