using System.Text;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;

namespace Carmen.Api.Devices;

/// <summary>
/// Reads a bulk-registration CSV (RFC 4180: comma-separated, double-quoted fields, "" for a quote). The first line
/// names the columns: id, name, clusterId, type, labels, firmwareVersion, accessToken, in any order, all but clusterId
/// optional; labels are separated by ';' inside their field. A malformed file is refused whole, naming the line.
/// </summary>
public static class DeviceCsvReader
{
    private static readonly string[] s_columns = ["id", "name", "clusterId", "type", "labels", "firmwareVersion", "accessToken"];

    public static List<CreateDeviceRequest> Read(string csv)
    {
        List<(int Line, List<string> Fields)> records = Split(csv);
        if (records.Count == 0)
        {
            throw CarmenException.Invalid("body", "The CSV is empty; its first line names the columns.");
        }

        List<string> header = records[0].Fields;
        int[] columnOf = new int[s_columns.Length];
        Array.Fill(columnOf, -1);
        for (int i = 0; i < header.Count; i++)
        {
            int known = Array.FindIndex(s_columns, column => column.Equals(header[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (known < 0)
            {
                throw CarmenException.Invalid("line 1", $"Unknown column '{header[i]}'; the columns are {string.Join(", ", s_columns)}.");
            }

            columnOf[known] = i;
        }

        if (columnOf[2] < 0)
        {
            throw CarmenException.Invalid("line 1", "The clusterId column is required.");
        }

        var rows = new List<CreateDeviceRequest>(records.Count - 1);
        foreach ((int line, List<string> fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                throw CarmenException.Invalid($"line {line}", $"Line {line} has {fields.Count} fields; the header has {header.Count}.");
            }

            string? Field(int column) => columnOf[column] < 0 || fields[columnOf[column]].Length == 0 ? null : fields[columnOf[column]];
            rows.Add(new CreateDeviceRequest(
                Field(0), Field(1), Field(2), Field(3),
                Field(4)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Field(5), Field(6)));
        }

        return rows;
    }

    private static List<(int Line, List<string> Fields)> Split(string csv)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw CarmenException.Invalid($"line {recordLine}", $"Line {recordLine} opens a quoted field that never closes.");
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add((recordLine, [.. fields]));
            }

            fields.Clear();
        }
    }
}
