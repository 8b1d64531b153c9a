using System.Globalization;
using System.Text;

namespace Carmen.Node.Tests.Hardening;

/// <summary>
/// Random and mutated JSON for the fuzz tests, from a seeded generator: values of every kind and type, the member names
/// Carmen's requests use (so bodies get past the first check), numbers no type holds, strings of control characters,
/// deep nesting, and texts damaged by flipped, dropped and inserted characters.
/// </summary>
internal sealed class JsonFuzz(int seed)
{
    private static readonly string[] s_names =
    [
        "id", "name", "type", "value", "values", "status", "execution", "result", "finished", "progress", "cnt", "of", "details", "data", "mode",
        "groups", "percentage", "count", "condition", "key", "op", "minutes", "all", "any", "url", "secret", "role", "password", "username",
        "limits", "maxDevices", "labels", "clusterId", "businessUnitId", "distributionSetId", "modules", "metadata", "version", "healthGate",
        "expression", "window", "errorCondition", "action", "pacing", "maxPerMinute", "severity", "scope", "levels", "delayMinutes",
        "channelIds", "recipients", "host", "port", "from", "security", "method", "params", "timeoutMs", "expirationTime", "persistent",
        "forceTime", "actionType", "maintenanceWindow", "schedule", "duration", "timezone", "accessToken", "quarantined", "settings", "ts",
        "confirmation", "code", "reason", "remark", "issueGatewayToken", "pollingSleep", "autoRegister", "members", "territories", "time",
    ];

    private static readonly string[] s_strings =
    [
        "", " ", "x", "d1", "c1", "bu", "os", "1", "-1", "0", "true", "null", "NaN", "Infinity", "1e400", "2026-11-24T11:18:20Z", "20261124T111820",
        "00:00:01", "99:99:99", "cpu < 90", "((((", "http://127.0.0.1/", "https://example.com/hook", "a@b.c", "closed", "proceeding", "success",
        "tenantAdmin", "viewer", "gt", "\u0000", "\u202E", "../../etc/passwd", "%00", "' OR 1=1 --", "<script>", "\uD800", "🙂",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A body for a route taking <paramref name="contract"/> (or nothing known): mostly its shape with hostile values.</summary>
    public string Body(Type? contract) => _random.Next(10) switch
    {
        0 => Mutate(contract is null ? Value(0).ToString() : Shaped(contract, 0)),
        1 => "",
        2 => Nested(_random.Next(40, 2_000)),
        3 or 4 => Value(0).ToString(),
        _ => contract is null ? Value(0).ToString() : Shaped(contract, 0),
    };

    public string QueryValue() => _random.Next(4) switch
    {
        0 => s_strings[_random.Next(s_strings.Length)],
        1 => Number(),
        2 => new string('9', _random.Next(1, 40)),
        _ => Uri.EscapeDataString(Mutate(s_strings[_random.Next(s_strings.Length)])),
    };

    public string Name() => s_names[_random.Next(s_names.Length)];

    public int Next(int maxValue) => _random.Next(maxValue);

    /// <summary>A JSON value of <paramref name="type"/>'s shape (members by their JSON names), filled with edge values and, now and then, the wrong kind.</summary>
    private string Shaped(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 4 || _random.Next(12) == 0)
        {
            return Value(depth + 3).ToString();
        }

        if (type == typeof(string))
        {
            return Quoted(_random.Next(6) == 0 ? new string((char)_random.Next(0x20, 0x3000), _random.Next(1, 70_000)) : s_strings[_random.Next(s_strings.Length)]);
        }

        if (type == typeof(bool))
        {
            return _random.Next(2) == 0 ? "true" : "false";
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return Number();
        }

        if (type.IsEnum)
        {
            string[] names = Enum.GetNames(type);
            return _random.Next(3) == 0 ? Number() : Quoted(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(names[_random.Next(names.Length)]));
        }

        if (type == typeof(System.Text.Json.JsonElement) || type == typeof(object))
        {
            return Value(depth + 1).ToString();
        }

        Type? element = type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(face => face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (element is not null)
        {
            if (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
            {
                Type valueType = element.GetGenericArguments()[1];
                return "{" + string.Join(',', Enumerable.Range(0, _random.Next(4)).Select(_ => $"{Quoted(Name() + _random.Next(100))}:{Shaped(valueType, depth + 1)}")) + "}";
            }

            return "[" + string.Join(',', Enumerable.Range(0, _random.Next(4)).Select(_ => Shaped(element, depth + 1))) + "]";
        }

        IEnumerable<string> members = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(property => property.CanWrite || property.GetMethod?.IsPublic == true)
            .Where(_ => _random.Next(5) != 0)
            .Select(property => $"{Quoted(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name))}:{Shaped(property.PropertyType, depth + 1)}");
        return "{" + string.Join(',', members) + "}";
    }

    private StringBuilder Value(int depth)
    {
        var json = new StringBuilder();
        switch (depth > 5 ? _random.Next(4) : _random.Next(7))
        {
            case 0:
                json.Append(Number());
                break;
            case 1:
                json.Append(Quoted(_random.Next(8) == 0 ? new string((char)_random.Next(0, 0x3000), _random.Next(1, 70_000)) : s_strings[_random.Next(s_strings.Length)]));
                break;
            case 2:
                json.Append(_random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            case 3:
                json.Append(Quoted(s_strings[_random.Next(s_strings.Length)]));
                break;
            case 4:
            case 5:
                json.Append('{');
                int members = _random.Next(0, 8);
                for (int i = 0; i < members; i++)
                {
                    json.Append(i > 0 ? "," : "").Append(Quoted(Name())).Append(':').Append(Value(depth + 1));
                }

                json.Append('}');
                break;
            default:
                json.Append('[');
                int items = _random.Next(0, 6);
                for (int i = 0; i < items; i++)
                {
                    json.Append(i > 0 ? "," : "").Append(Value(depth + 1));
                }

                json.Append(']');
                break;
        }

        return json;
    }

    private string Number() => _random.Next(8) switch
    {
        0 => "1e400",
        1 => "-1e400",
        2 => "9223372036854775808",
        3 => "-9223372036854775809",
        4 => "0.000000000000000000000000000001",
        5 => (_random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        6 => long.MaxValue.ToString(CultureInfo.InvariantCulture),
        _ => _random.Next(-5, 100).ToString(CultureInfo.InvariantCulture),
    };

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private string Nested(int depth) => new string('[', depth) + new string(']', _random.Next(2) == 0 ? depth : depth / 2);

    private string Mutate(string text)
    {
        var mutated = new StringBuilder(text);
        int edits = _random.Next(1, 6);
        for (int i = 0; i < edits && mutated.Length > 0; i++)
        {
            int at = _random.Next(mutated.Length);
            switch (_random.Next(3))
            {
                case 0:
                    mutated.Remove(at, 1);
                    break;
                case 1:
                    mutated.Insert(at, "{}[]\",:\\0"[_random.Next(9)]);
                    break;
                default:
                    mutated[at] = (char)_random.Next(0, 128);
                    break;
            }
        }

        return mutated.ToString();
    }
}
