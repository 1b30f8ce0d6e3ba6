using System.Globalization;
using Fulcrum.Errors;

namespace Fulcrum.Validation;

/// <summary>
/// Reads the published-measurement CSV (columns in data/validation/README.md). A row with a missing required
/// field, an unreadable value or contradictory parallel degrees is not returned but reported with its line and
/// the reason. A file without the expected header is bad input. Lengths and batch sizes that are not plain
/// integers (a dataset name, an approximate length) are kept as text, because runs without fixed lengths are valid.
/// </summary>
public static class MeasurementReader
{
    /// <summary>Name of the built-in file, embedded from data/validation.</summary>
    public const string BuiltInName = "validation/dev-measurements.csv";

    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "source_url", "source_title", "date", "hardware", "gpu_count", "interconnect", "engine", "engine_version", "model",
        "weight_dtype", "kv_dtype", "tp", "pp", "dp", "isl", "osl", "batch_or_concurrency", "request_rate", "scenario",
        "metric", "statistic", "value", "notes",
    ];

    public static readonly IReadOnlyList<string> Scenarios = ["static-batch", "latency", "offline", "server"];

    public static readonly IReadOnlyList<string> Metrics = ["e2e_latency_s", "output_tok_per_s", "total_tok_per_s", "requests_per_s", "ttft_ms", "tpot_ms", "itl_ms"];

    /// <summary>The measurements shipped with Fulcrum.</summary>
    public static MeasurementSet BuiltIn()
    {
        using var stream = typeof(MeasurementReader).Assembly.GetManifestResourceStream(BuiltInName)
            ?? throw new InvalidOperationException($"Embedded resource '{BuiltInName}' is missing.");
        using var reader = new StreamReader(stream);
        return Read(reader, "data/validation/dev-measurements.csv");
    }

    public static MeasurementSet ReadFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return Read(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read measurement file '{path}': {e.Message}. Check the path given to --measurements.", e);
        }
    }

    public static MeasurementSet Read(TextReader reader, string origin)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new InputException($"Measurement file '{origin}' is empty; it needs the header {string.Join(",", Columns)}.");
        }

        var header = records.Current.Fields.Select(f => f.Trim()).ToArray();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException($"Measurement file '{origin}' lacks the column(s) {string.Join(", ", missing)}; the header must name {string.Join(",", Columns)}.");
        }

        var index = Columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        var rows = new List<Measurement>();
        var problems = new List<MeasurementProblem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Length != header.Length)
            {
                problems.Add(new MeasurementProblem(line, null, $"has {fields.Length} fields, the header has {header.Length}"));
                continue;
            }

            var row = new RowReader(fields, index);
            var id = row.Text("id");
            var measurement = Parse(row, line, id, out var reason);
            if (measurement is null)
            {
                problems.Add(new MeasurementProblem(line, id, reason!));
            }
            else if (seen.TryGetValue(measurement.Id, out var firstLine))
            {
                problems.Add(new MeasurementProblem(line, id, $"repeats id {measurement.Id} of line {firstLine}"));
            }
            else
            {
                seen[measurement.Id] = line;
                rows.Add(measurement);
            }
        }

        return new MeasurementSet(origin, rows, problems);
    }

    private static readonly string[] RequiredText = ["id", "source_url", "source_title", "hardware", "engine", "model", "scenario", "metric", "statistic"];

    private static readonly string[] CountColumns = ["gpu_count", "tp", "pp", "dp"];

    private static Measurement? Parse(RowReader row, int line, string? id, out string? reason)
    {
        reason = Check(row);
        if (reason is not null)
        {
            return null;
        }

        int Count(string column) => row.PositiveInt(column)!.Value;

        return new Measurement
        {
            Id = id!,
            Line = line,
            SourceUrl = row.Text("source_url")!,
            SourceTitle = row.Text("source_title")!,
            Date = row.Text("date"),
            Hardware = row.Text("hardware")!,
            GpuCount = Count("gpu_count"),
            Engine = row.Text("engine")!,
            EngineVersion = row.Text("engine_version"),
            Model = row.Text("model")!,
            WeightDtype = row.Text("weight_dtype"),
            KvDtype = row.Text("kv_dtype"),
            Tp = Count("tp"),
            Pp = Count("pp"),
            Dp = Count("dp"),
            Isl = row.PositiveInt("isl"),
            IslText = row.Text("isl"),
            Osl = row.PositiveInt("osl"),
            OslText = row.Text("osl"),
            BatchOrConcurrency = row.Text("batch_or_concurrency"),
            Batch = row.PositiveInt("batch_or_concurrency"),
            RequestRate = row.Text("request_rate"),
            Scenario = row.Text("scenario")!,
            Metric = row.Text("metric")!,
            Statistic = row.Text("statistic")!,
            Value = row.PositiveDouble("value")!.Value,
            Notes = row.Text("notes"),
        };
    }

    /// <summary>Returns why the row cannot be used, or null when every required field is present and consistent.</summary>
    private static string? Check(RowReader row)
    {
        var empty = RequiredText.FirstOrDefault(c => row.Text(c) is null);
        if (empty is not null)
        {
            return $"{empty} is empty";
        }

        var badCounts = CountColumns.Where(c => row.PositiveInt(c) is null).ToList();
        if (badCounts.Count > 0)
        {
            var printed = string.Join(", ", badCounts.Select(c => $"{c} '{row.Text(c)}'"));
            return $"{printed}: each must be a positive integer";
        }

        var (gpus, tp, pp, dp) = (row.PositiveInt("gpu_count")!.Value, row.PositiveInt("tp")!.Value, row.PositiveInt("pp")!.Value, row.PositiveInt("dp")!.Value);
        if (tp * pp * dp != gpus)
        {
            return $"tp × pp × dp = {tp} × {pp} × {dp} = {tp * pp * dp} contradicts gpu_count {gpus}";
        }

        var scenario = row.Text("scenario")!;
        if (!Scenarios.Contains(scenario))
        {
            return $"scenario '{scenario}' is not one of {string.Join(", ", Scenarios)}";
        }

        var metric = row.Text("metric")!;
        if (!Metrics.Contains(metric))
        {
            return $"metric '{metric}' is not one of {string.Join(", ", Metrics)}";
        }

        if (row.PositiveDouble("value") is null)
        {
            return $"value '{row.Text("value")}' is not a positive number";
        }

        return null;
    }

    private readonly struct RowReader(string[] fields, Dictionary<string, int> index)
    {
        public string? Text(string column)
        {
            var text = fields[index[column]].Trim();
            return text.Length == 0 ? null : text;
        }

        public int? PositiveInt(string column) =>
            int.TryParse(Text(column), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

        public double? PositiveDouble(string column) =>
            double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 && double.IsFinite(x) ? x : null;
    }
}
