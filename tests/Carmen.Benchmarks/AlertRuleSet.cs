namespace Carmen.Benchmarks;

/// <summary>
/// Ten rules over the keys the MQTT load sends (temperature 20–30, humidity 30–70, cpu 0–99): comparisons, all/any,
/// forSeconds, a repeat window, a clear condition and a noData watch. Chosen to be evaluated on every message while
/// seldom firing, so the figures are the cost of watching, not of an alert storm.
/// </summary>
internal static class AlertRuleSet
{
    public static IReadOnlyList<(string Name, string Condition, string? Clear, int ForSeconds, (int Count, int WithinMinutes)? Repeat)> Rules { get; } =
    [
        ("cpu pegged", """{"key":"cpu","op":"gt","value":99}""", null, 0, null),
        ("overheating", """{"key":"temperature","op":"gt","value":35}""", null, 60, null),
        ("wet", """{"key":"humidity","op":"gt","value":90}""", """{"key":"humidity","op":"lt","value":80}""", 0, null),
        ("sensor fault", """{"any":[{"key":"cpu","op":"gte","value":100},{"key":"temperature","op":"lt","value":0}]}""", null, 0, null),
        ("hot and humid", """{"all":[{"key":"cpu","op":"gt","value":95},{"key":"humidity","op":"gt","value":69}]}""", null, 300, null),
        ("cpu spikes", """{"key":"cpu","op":"gt","value":98}""", null, 0, (1000, 1)),
        ("silent sensor", """{"noData":{"key":"temperature","minutes":5}}""", null, 0, null),
        ("frozen", """{"key":"temperature","op":"lt","value":-10}""", null, 0, null),
        ("dry and busy", """{"all":[{"key":"humidity","op":"lt","value":10},{"key":"cpu","op":"gt","value":50}]}""", null, 0, null),
        ("cpu unknown", """{"key":"cpu","op":"eq","value":-1}""", null, 0, null),
    ];
}
