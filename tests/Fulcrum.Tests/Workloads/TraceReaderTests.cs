using Fulcrum.Errors;
using Fulcrum.Workloads;
using Fulcrum.Workloads.Traces;

namespace Fulcrum.Tests.Workloads;

public class TraceReaderTests
{
    [Fact]
    public void AzureConv_BuiltInMatchesReadme()
    {
        // data/traces/README.md: 19,366 requests over 3,502 s, first rows 374→44 and 396→109 tokens,
        // 4.3145790 s apart (18:15:46.6805900 to 18:15:50.9951690).
        var trace = TraceCatalog.Resolve("azure-conv");
        Assert.Equal(TraceFormat.AzureCsv, trace.Format);
        Assert.Equal(19_366, trace.Rows.Count);
        Assert.Equal(new WorkloadRequest(0, 374, 44), trace.Rows[0]);
        Assert.Equal(4.314579, trace.Rows[1].ArrivalSeconds, 9);
        Assert.Equal(3501.72, trace.SpanSeconds, 1);
        Assert.Equal(1154.7, trace.Rows.Average(r => r.InputTokens), 1);
    }

    [Fact]
    public void MooncakeConv_BuiltInMatchesReadme()
    {
        var trace = TraceCatalog.Resolve("MOONCAKE-CONV");
        Assert.Equal(TraceFormat.MooncakeJsonl, trace.Format);
        Assert.Equal(12_031, trace.Rows.Count);
        Assert.Equal(new WorkloadRequest(0, 6758, 500), trace.Rows[0]);
        Assert.Equal(3536.999, trace.SpanSeconds, 6);
    }

    [Fact]
    public void AzureCode_ResolvesByPath()
    {
        var trace = TraceCatalog.Resolve(Path.Combine(RepoPaths.Root, "data", "traces", "azure_llm_2023_code.csv"));
        Assert.Equal(8_819, trace.Rows.Count);
        Assert.Equal(2047.8, trace.Rows.Average(r => r.InputTokens), 1);
    }

    [Fact]
    public void GenericCsv_SortsAndShifts()
    {
        var trace = Read("arrival_s,input_tokens,output_tokens\n5.5,100,10\n2.0,200,20\n\n3,300,30\n");
        Assert.Equal(TraceFormat.GenericCsv, trace.Format);
        Assert.Equal([new(0, 200, 20), new(1, 300, 30), new(3.5, 100, 10)], trace.Rows);
    }

    [Fact]
    public void GenericJsonl_ReadsKeysInAnyOrder()
    {
        var trace = Read("{\"input_tokens\": 7, \"arrival_s\": 1.5, \"output_tokens\": 3, \"note\": \"x\"}\n{\"arrival_s\": 2, \"input_tokens\": 8, \"output_tokens\": 4}\n");
        Assert.Equal(TraceFormat.GenericJsonl, trace.Format);
        Assert.Equal([new(0, 7, 3), new(0.5, 8, 4)], trace.Rows);
    }

    [Theory]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,10,5\n2023-11-16 18:15:4x,10,5\n", "t.csv:3: field 'TIMESTAMP'")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,ten,5\n", "t.csv:2: field 'ContextTokens'")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,10\n", "t.csv:2: missing field 'GeneratedTokens'")]
    [InlineData("arrival_s,input_tokens,output_tokens\n1,10,0\n", "t.csv:2: field 'output_tokens'")]
    [InlineData("time,in,out\n1,2,3\n", "t.csv:1: unknown CSV header")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 2}\n{\"timestamp\": 10, \"input_length\": 5}\n", "t.csv:2: missing field 'output_length'")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 5.5, \"output_length\": 2}\n", "t.csv:1: field 'input_length'")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 2}\n{oops\n", "t.csv:2: invalid JSON")]
    [InlineData("\n\n", "t.csv: the trace is empty")]
    public void BadTrace_NamesFileLineAndField(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => Read(text));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownName_SuggestsBuiltIn()
    {
        var e = Assert.Throws<InputException>(() => TraceCatalog.Resolve("azure-conversation"));
        Assert.Contains("azure-conv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_UsesTraceTimesScaled()
    {
        var trace = Read("arrival_s,input_tokens,output_tokens\n0,10,1\n2,20,2\n4,30,3\n");
        var workload = new WorkloadSpec { Trace = trace, Arrival = new ArrivalProcess.Replay(0.5) }.Generate();
        Assert.Equal([new(0, 10, 1), new(1, 20, 2), new(2, 30, 3)], workload.Requests);
    }

    [Fact]
    public void TraceWithRate_KeepsLengthsOnly()
    {
        var trace = Read("arrival_s,input_tokens,output_tokens\n0,10,1\n100,20,2\n");
        var workload = new WorkloadSpec { Trace = trace, Arrival = new ArrivalProcess.Rate(4, double.PositiveInfinity) }.Generate();
        Assert.Equal([new(0.25, 10, 1), new(0.5, 20, 2)], workload.Requests);
    }

    [Fact]
    public void NumPromptsOverTrace_Throws()
    {
        var trace = Read("arrival_s,input_tokens,output_tokens\n0,10,1\n");
        var e = Assert.Throws<InputException>(() => new WorkloadSpec { Trace = trace, NumPrompts = 5 }.Generate());
        Assert.Contains("--num-prompts 5", e.Message, StringComparison.Ordinal);
    }

    private static Trace Read(string text) => TraceReader.Read(new StringReader(text), "t.csv");
}
