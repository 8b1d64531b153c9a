using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Alerts;

/// <summary>
/// A rule's condition, parsed from its JSON: comparisons of a key's latest value (<c>{"key","op","value"}</c>),
/// <c>{"all":[...]}</c>, <c>{"any":[...]}</c>, <c>{"noData":{"key","minutes"}}</c>, <c>{"offline":{"minutes"}}</c>
/// and <c>{"event":name}</c>. Evaluation is three-valued: a key the device has not sent leaves a comparison undecided
/// (null), so a rule never fires, or clears, on values never seen.
/// </summary>
public abstract record AlertCondition
{
    /// <summary>Events a rule may watch for.</summary>
    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal) { OtaFailed, RolloutPaused, ApiKeyManyAddresses, CredentialStuffing, IntegrationHealth, PostureFinding, LicenseWarning };

    /// <summary>A device's update action ended in error (its own report, or expired by its rollout).</summary>
    public const string OtaFailed = "otaFailed";

    /// <summary>A posture check found devices it had not found before (expiring certificates, shared credentials and so on).</summary>
    public const string PostureFinding = "postureFinding";

    /// <summary>A rollout paused itself because its error threshold was crossed.</summary>
    public const string RolloutPaused = "rolloutPaused";

    /// <summary>An API key of the tenant was used from many new addresses within an hour.</summary>
    public const string ApiKeyManyAddresses = "apiKeyManyAddresses";

    /// <summary>A license of the tenant reached a warning stage: days before expiry, expired, grace over, or an entitlement nearly used.</summary>
    public const string LicenseWarning = "licenseWarning";

    /// <summary>An address failing to sign in across many accounts, some of them the tenant's, was blocked.</summary>
    public const string CredentialStuffing = "credentialStuffing";

    /// <summary>
    /// A key's integration health, evaluated every minute for each live service-account key: the rule compares the
    /// figures the evaluation brings as keys (errorRatePercent, calls, p95Ms, volumeChange...).
    /// </summary>
    public const string IntegrationHealth = "integrationHealth";

    private const int MaxDepth = 8;
    private const int MaxNodes = 64;

    /// <summary>True, false, or null when undecided.</summary>
    public abstract bool? Evaluate(in AlertFacts facts);

    /// <summary>The telemetry keys the condition reads, for an alert's details (the values that triggered it).</summary>
    public abstract IEnumerable<string> Keys { get; }

    /// <summary>Whether the condition waits for an event: an event is a moment, so its negation says nothing about clearing.</summary>
    public abstract bool WatchesEvent { get; }

    /// <summary>Whether the condition waits for <paramref name="eventName"/>.</summary>
    public virtual bool Watches(string eventName) => false;

    /// <summary>
    /// The next moment at which time passing alone changes the value (data turning stale, an outage growing long
    /// enough), or null when only a message or an event can change it. The device evaluates again at that moment.
    /// </summary>
    public abstract DateTimeOffset? NextChange(in AlertFacts facts);

    /// <summary>Parses condition JSON; a fault is a validation error on its position, such as <c>condition.any[1].op</c>.</summary>
    public static AlertCondition Parse(string json, string field)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            int nodes = 0;
            return Parse(document.RootElement, field, 0, ref nodes);
        }
        catch (JsonException malformed)
        {
            throw CarmenException.Invalid(field, $"{field} is not valid JSON: {malformed.Message}");
        }
    }

    private static AlertCondition Parse(JsonElement element, string path, int depth, ref int nodes)
    {
        if (++nodes > MaxNodes || depth > MaxDepth)
        {
            throw CarmenException.Invalid(path, $"A condition has at most {MaxNodes} parts, nested at most {MaxDepth} deep.");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw CarmenException.Invalid(path, "A condition is an object: {\"key\",\"op\",\"value\"}, {\"all\":[...]}, {\"any\":[...]}, {\"noData\":{...}}, {\"offline\":{...}} or {\"event\":...}.");
        }

        foreach (string combinator in (ReadOnlySpan<string>)["all", "any"])
        {
            if (element.TryGetProperty(combinator, out JsonElement parts))
            {
                RequireOnly(element, path, combinator);
                if (parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() == 0)
                {
                    throw CarmenException.Invalid($"{path}.{combinator}", $"\"{combinator}\" is a non-empty array of conditions.");
                }

                List<AlertCondition> children = [];
                int index = 0;
                foreach (JsonElement part in parts.EnumerateArray())
                {
                    children.Add(Parse(part, $"{path}.{combinator}[{index++}]", depth + 1, ref nodes));
                }

                return new Combination(children, Decisive: combinator == "any");
            }
        }

        if (element.TryGetProperty("noData", out JsonElement noData))
        {
            RequireOnly(element, path, "noData");
            return new NoData(ReadKey(noData, $"{path}.noData"), ReadMinutes(noData, $"{path}.noData"));
        }

        if (element.TryGetProperty("offline", out JsonElement offline))
        {
            RequireOnly(element, path, "offline");
            return new Offline(ReadMinutes(offline, $"{path}.offline"));
        }

        if (element.TryGetProperty("event", out JsonElement name))
        {
            RequireOnly(element, path, "event");
            return name.ValueKind == JsonValueKind.String && Events.Contains(name.GetString()!)
                ? new Event(name.GetString()!)
                : throw CarmenException.Invalid($"{path}.event", $"\"event\" is one of {string.Join(", ", Events)}.");
        }

        return Comparison.Parse(element, path);
    }

    private static void RequireOnly(JsonElement element, string path, string member)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.Name != member)
            {
                throw CarmenException.Invalid($"{path}.{property.Name}", $"\"{property.Name}\" does not belong beside \"{member}\"; combine conditions with \"all\" or \"any\".");
            }
        }
    }

    private static string ReadKey(JsonElement parent, string path) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty("key", out JsonElement key) && key.ValueKind == JsonValueKind.String
            && key.GetString() is { Length: > 0 and <= 255 } text
            ? text
            : throw CarmenException.Invalid($"{path}.key", "\"key\" is a telemetry key of 1 to 255 characters.");

    private static DateTimeOffset? Ahead(DateTimeOffset at, DateTimeOffset now) => at > now ? at : null;

    private static int ReadMinutes(JsonElement parent, string path) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty("minutes", out JsonElement minutes)
            && minutes.ValueKind == JsonValueKind.Number && minutes.TryGetInt32(out int value) && value is >= 1 and <= 10_080
            ? value
            : throw CarmenException.Invalid($"{path}.minutes", "\"minutes\" is a whole number from 1 to 10080 (a week).");

    /// <summary>A key's latest value compared with a constant: numbers with any operator, text and booleans with eq and neq.</summary>
    private sealed record Comparison(string Key, string Op, TelemetryValue Value) : AlertCondition
    {
        private static readonly string[] s_operators = ["gt", "gte", "lt", "lte", "eq", "neq"];

        public override IEnumerable<string> Keys => [Key];

        public override bool WatchesEvent => false;

        public override DateTimeOffset? NextChange(in AlertFacts facts) => null;

        public static Comparison Parse(JsonElement element, string path)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.Name is not ("key" or "op" or "value"))
                {
                    throw CarmenException.Invalid($"{path}.{property.Name}", $"Unknown member \"{property.Name}\": a comparison is {{\"key\",\"op\",\"value\"}}.");
                }
            }

            string key = ReadKey(element, path);
            string op = element.TryGetProperty("op", out JsonElement given) && given.ValueKind == JsonValueKind.String && s_operators.Contains(given.GetString())
                ? given.GetString()!
                : throw CarmenException.Invalid($"{path}.op", $"\"op\" is one of {string.Join(", ", s_operators)}.");
            if (!element.TryGetProperty("value", out JsonElement value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Array)
            {
                throw CarmenException.Invalid($"{path}.value", "\"value\" is a number, a string or a boolean.");
            }

            if (value.ValueKind != JsonValueKind.Number && op is not ("eq" or "neq"))
            {
                throw CarmenException.Invalid($"{path}.value", $"\"{op}\" compares numbers; text and booleans take eq or neq.");
            }

            if (value.ValueKind == JsonValueKind.Number && !double.IsFinite(value.GetDouble()))
            {
                throw CarmenException.Invalid($"{path}.value", "\"value\" is a number within the range of a double (about ±1.8e308).");
            }

            return new Comparison(key, op, TelemetryValue.From(value));
        }

        public override bool? Evaluate(in AlertFacts facts)
        {
            if (!facts.Latest.TryGetValue(Key, out TimestampedValue latest))
            {
                return null;
            }

            TelemetryValue actual = latest.Value;
            if (Value.Kind == TelemetryValueKind.Text || actual.Kind is TelemetryValueKind.Text or TelemetryValueKind.Json)
            {
                // Text is compared with text only; a number where text was expected (or the reverse) is simply not equal.
                bool equal = Value.Kind == actual.Kind && string.Equals(Value.Text, actual.Text, StringComparison.Ordinal);
                return Op switch { "eq" => equal, "neq" => !equal, _ => null };
            }

            double number = actual.Number; // booleans count as 1 and 0, as in aggregation
            return Op switch
            {
                "gt" => number > Value.Number,
                "gte" => number >= Value.Number,
                "lt" => number < Value.Number,
                "lte" => number <= Value.Number,
                "eq" => number == Value.Number,
                _ => number != Value.Number,
            };
        }

        public override string ToString() => $"{Key} {Op} {Value.ToJson()}";
    }

    /// <summary>
    /// "all" (false decides) or "any" (true decides): the deciding value as soon as one part has it, otherwise
    /// undecided while a part is, and the other value once every part is decided.
    /// </summary>
    private sealed record Combination(IReadOnlyList<AlertCondition> Parts, bool Decisive) : AlertCondition
    {
        public override IEnumerable<string> Keys => Parts.SelectMany(part => part.Keys);

        public override bool WatchesEvent => Parts.Any(part => part.WatchesEvent);

        public override bool Watches(string eventName) => Parts.Any(part => part.Watches(eventName));

        public override DateTimeOffset? NextChange(in AlertFacts facts)
        {
            DateTimeOffset? next = null;
            foreach (AlertCondition part in Parts)
            {
                next = Moments.Earliest(next, part.NextChange(facts));
            }

            return next;
        }

        public override bool? Evaluate(in AlertFacts facts)
        {
            bool undecided = false;
            foreach (AlertCondition part in Parts)
            {
                bool? result = part.Evaluate(facts);
                if (result == Decisive)
                {
                    return Decisive;
                }

                undecided |= result is null;
            }

            return undecided ? null : !Decisive;
        }
    }

    /// <summary>The key's latest value is older than the given minutes; undecided for a key never sent.</summary>
    private sealed record NoData(string Key, int Minutes) : AlertCondition
    {
        public override IEnumerable<string> Keys => [Key];

        public override bool WatchesEvent => false;

        public override DateTimeOffset? NextChange(in AlertFacts facts) =>
            facts.Latest.TryGetValue(Key, out TimestampedValue latest) ? Ahead(DateTimeOffset.FromUnixTimeMilliseconds(latest.Timestamp).AddMinutes(Minutes), facts.Now) : null;

        public override bool? Evaluate(in AlertFacts facts) => facts.Latest.TryGetValue(Key, out TimestampedValue latest)
            ? facts.Now.ToUnixTimeMilliseconds() - latest.Timestamp >= Minutes * 60_000L
            : null;
    }

    /// <summary>The device has been offline for at least the given minutes.</summary>
    private sealed record Offline(int Minutes) : AlertCondition
    {
        public override IEnumerable<string> Keys => [];

        public override bool WatchesEvent => false;

        public override DateTimeOffset? NextChange(in AlertFacts facts) =>
            facts.OfflineSince is DateTimeOffset since ? Ahead(since.AddMinutes(Minutes), facts.Now) : null;

        public override bool? Evaluate(in AlertFacts facts) => facts.OfflineSince is DateTimeOffset since && facts.Now - since >= TimeSpan.FromMinutes(Minutes);
    }

    /// <summary>The evaluation was prompted by this event.</summary>
    private sealed record Event(string Name) : AlertCondition
    {
        public override IEnumerable<string> Keys => [];

        public override bool WatchesEvent => true;

        public override bool Watches(string eventName) => Name == eventName;

        public override DateTimeOffset? NextChange(in AlertFacts facts) => null;

        public override bool? Evaluate(in AlertFacts facts) => facts.Event == Name;
    }
}
