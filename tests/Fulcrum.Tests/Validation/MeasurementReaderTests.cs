using Fulcrum.Errors;
using Fulcrum.Validation;

namespace Fulcrum.Tests.Validation;

public class MeasurementReaderTests
{
    private const string Header = "id,source_url,source_title,date,hardware,gpu_count,interconnect,engine,engine_version,model,weight_dtype,kv_dtype,tp,pp,dp,isl,osl,batch_or_concurrency,request_rate,scenario,metric,statistic,value,notes";

    [Fact]
    public void BuiltIn_ReadsEveryRowOrReportsIt()
    {
        var set = MeasurementReader.BuiltIn();

        // The file has 335 data rows: each is either read or rejected with its line.
        Assert.Equal(335, set.Rows.Count + set.Problems.Count);
        Assert.Equal(set.Rows.Count, set.Rows.Select(r => r.Id).Distinct().Count());
        var first = set.Rows[0];
        Assert.Equal("M0001", first.Id);
        Assert.Equal(2, first.Line);
        Assert.Equal("1.0 (PyTorch backend, trtllm-bench)", first.EngineVersion);
        Assert.Equal(6281, first.Value);
    }

    [Fact]
    public void BuiltIn_ReportsRowsWithoutParallelDegrees()
    {
        var set = MeasurementReader.BuiltIn();
        var problem = Assert.Single(set.Problems, p => p.Id == "M0444");
        Assert.Equal(305, problem.Line);
        Assert.Contains("tp ''", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedFields_KeepCommasQuotesAndLineBreaks()
    {
        var csv = Header + "\n"
            + "M1,u,\"Title, with comma\",,H100,8,,vLLM,\"0.6 \"\"dev\"\"\",Llama-3.1-70B,fp8,,8,1,1,128,2048,16,,static-batch,e2e_latency_s,mean,12.5,\"two\nlines\"\n"
            + "M2,u,t,,H100,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,1,ShareGPT,ShareGPT,,16,server,ttft_ms,median,40,\n";
        var set = MeasurementReader.Read(new StringReader(csv), "test.csv");
        Assert.Empty(set.Problems);
        Assert.Equal("Title, with comma", set.Rows[0].SourceTitle);
        Assert.Equal("0.6 \"dev\"", set.Rows[0].EngineVersion);
        Assert.Equal("two\nlines", set.Rows[0].Notes);
        Assert.Equal(16, set.Rows[0].Batch);

        // The second row starts on line 4 because the first one spans lines 2 and 3.
        Assert.Equal(4, set.Rows[1].Line);
        Assert.Null(set.Rows[1].Isl);
        Assert.Equal("ShareGPT", set.Rows[1].IslText);
        Assert.Null(set.Rows[1].BatchOrConcurrency);
    }

    [Theory]
    [InlineData("M1,u,t,,H100,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,2,128,128,1,,latency,e2e_latency_s,mean,1.0,", "contradicts gpu_count 8")]
    [InlineData("M1,u,t,,,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,1,128,128,1,,latency,e2e_latency_s,mean,1.0,", "hardware is empty")]
    [InlineData("M1,u,t,,H100,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,1,128,128,1,,latency,e2e_latency_s,mean,fast,", "value 'fast' is not a positive number")]
    [InlineData("M1,u,t,,H100,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,1,128,128,1,,warmup,e2e_latency_s,mean,1.0,", "scenario 'warmup'")]
    [InlineData("M1,u,t,,H100,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,1,128,128,1,,latency,joules,mean,1.0,", "metric 'joules'")]
    [InlineData("M1,u,t,,H100,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,1,128,128,1,,latency", "has 20 fields, the header has 24")]
    public void BadRow_IsReportedWithLineAndReason(string row, string expected)
    {
        var set = MeasurementReader.Read(new StringReader(Header + "\n" + row + "\n"), "test.csv");
        Assert.Empty(set.Rows);
        var problem = Assert.Single(set.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains(expected, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedId_IsReported()
    {
        const string row = "M1,u,t,,H100,8,,vLLM,,Llama-3.1-70B,fp8,,8,1,1,128,128,1,,latency,e2e_latency_s,mean,1.0,";
        var set = MeasurementReader.Read(new StringReader(Header + "\n" + row + "\n" + row + "\n"), "test.csv");
        Assert.Single(set.Rows);
        Assert.Contains("repeats id M1 of line 2", Assert.Single(set.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingColumn_IsInputError()
    {
        var error = Assert.Throws<InputException>(() => MeasurementReader.Read(new StringReader("id,value\nM1,3\n"), "short.csv"));
        Assert.Contains("lacks the column(s) source_url", error.Message, StringComparison.Ordinal);
    }
}
