using System.Text;

namespace Fulcrum.Validation;

/// <summary>Splits RFC 4180 CSV text into records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
internal static class CsvRecords
{
    /// <summary>Returns each record with the 1-based line it starts on.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var atFieldStart = true;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        yield return (recordLine, fields.ToArray());
                    }

                    fields.Clear();
                    line++;
                    recordLine = line;
                    atFieldStart = true;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}
