using System.Text;
using CsCheck;
using Fulcrum.Reports.Csv;

namespace Fulcrum.Tests.Reports.Csv;

public class CsvWriterTests
{
    [Fact]
    public void ToCsv_WritesHeaderAndRowsWithCrlf()
    {
        var csv = CsvWriter.ToCsv(["split", "batch", "ttft_ms"], [["TP8×PP1", 1, 41.5], ["TP4×PP2", 2, 38.25]]);

        Assert.Equal("split,batch,ttft_ms\r\nTP8×PP1,1,41.5\r\nTP4×PP2,2,38.25\r\n", csv);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("", "")]
    public void FormatField_QuotesOnlyWhenNeeded(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.FormatField(value));

    [Fact]
    public void FormatField_UsesInvariantRoundTripNumbers()
    {
        Assert.Equal("1234.5", CsvWriter.FormatField(1234.5));
        Assert.Equal("0.1", CsvWriter.FormatField(0.1));
        Assert.Equal("1E-07", CsvWriter.FormatField(1e-7));
        Assert.Equal("123456789012", CsvWriter.FormatField(123456789012L));
        Assert.Equal("2.5", CsvWriter.FormatField(2.5m));
        Assert.Equal("true", CsvWriter.FormatField(true));
        Assert.Equal("Horizontal", CsvWriter.FormatField(Fulcrum.Reports.Charts.BarOrientation.Horizontal));
    }

    [Fact]
    public void MissingValues_AreEmptyNeverZero()
    {
        var csv = CsvWriter.ToCsv(["a", "b", "c", "d"], [[null, double.NaN, double.PositiveInfinity, float.NaN]]);

        Assert.Equal("a,b,c,d\r\n,,,\r\n", csv);
    }

    [Fact]
    public void RowWidthMismatch_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => CsvWriter.ToCsv(["a", "b"], [[1, 2], [3]]));

        Assert.Contains("row 2 has 1 fields but the header has 2", error.Message);
    }

    [Fact]
    public void Save_WritesAtomicallyAndNothingOnError()
    {
        var folder = Directory.CreateTempSubdirectory("fulcrum-csv-");
        try
        {
            var path = Path.Combine(folder.FullName, "grid.csv");
            CsvWriter.Save(path, ["x"], [[1.5]]);
            Assert.Equal("x\r\n1.5\r\n", File.ReadAllText(path, Encoding.UTF8));

            Assert.Throws<ArgumentException>(() => CsvWriter.Save(path, ["x"], [[2.5], [1, 2]]));

            Assert.Equal("x\r\n1.5\r\n", File.ReadAllText(path, Encoding.UTF8));
            Assert.Single(folder.GetFiles());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AnyStrings_RoundTripThroughParser()
    {
        var field = Gen.String[Gen.Char["a,\" \r\n×b"], 0, 12];
        Gen.Select(field.Array[1, 4], Gen.Int[0, 4]).Sample((header, rowCount) =>
        {
            var rows = Enumerable.Range(0, rowCount)
                .Select(r => (IReadOnlyList<object?>)[.. header.Select((h, c) => (object?)(h + r.ToString(System.Globalization.CultureInfo.InvariantCulture) + c.ToString(System.Globalization.CultureInfo.InvariantCulture)))])
                .ToList();

            var parsed = Parse(CsvWriter.ToCsv(header, rows));

            Assert.Equal(header, parsed[0]);
            Assert.Equal(rows.Select(row => row.Select(v => (string)v!).ToArray()), parsed.Skip(1));
        });
    }

    /// <summary>A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes.</summary>
    private static List<string[]> Parse(string csv)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"')
            {
                i++;
                while (!(csv[i] == '"' && (i + 1 == csv.Length || csv[i + 1] != '"')))
                {
                    field.Append(csv[i]);
                    i += csv[i] == '"' ? 2 : 1;
                }

                i++;
            }

            while (i < csv.Length && csv[i] != ',' && csv[i] != '\r')
            {
                field.Append(csv[i++]);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (csv[i] == '\r')
            {
                Assert.Equal('\n', csv[i + 1]);
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
            }
            else
            {
                i++;
            }
        }

        return records;
    }
}
