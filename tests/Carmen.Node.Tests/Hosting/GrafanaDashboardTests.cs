using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Hosting;

/// <summary>
/// The Grafana dashboards in deploy/grafana query only metrics a running node publishes, named as the Prometheus
/// exporter names them (dots to underscores, unit suffixes, _total on counters): a renamed metric fails here, not on
/// an operator's empty panel.
/// </summary>
public sealed partial class GrafanaDashboardTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task EveryCarmenMetricADashboardQueriesIsPublishedByANode()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory); // a node is up: every instrument exists
        HashSet<string> published = PrometheusNames();
        string[] dashboards = Directory.GetFiles(Path.Combine(Repository.Root, "deploy", "grafana"), "*.json");

        var queried = dashboards
            .SelectMany(file => JsonNode.Parse(File.ReadAllText(file))!["panels"]!.AsArray())
            .SelectMany(panel => panel!["targets"]?.AsArray() ?? [])
            .SelectMany(target => CarmenMetric().Matches(target!["expr"]!.GetValue<string>()).Select(match => match.Value))
            .Select(name => Regex.Replace(name, "_(bucket|sum|count)$", ""))
            .ToHashSet();

        dashboards.Should().HaveCountGreaterThanOrEqualTo(4);
        queried.Should().Contain(["carmen_mqtt_sessions", "carmen_telemetry_queue_length", "carmen_alerts_transitions_total", "carmen_platform_checks_failing"]);
        queried.Except(published).Should().BeEmpty("every Carmen metric a panel queries is one the node publishes");
    }

    private static HashSet<string> PrometheusNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "Carmen")
                {
                    string unit = instrument.Unit switch { "ms" => "_milliseconds", "s" => "_seconds", _ => "" };
                    string counter = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal)
                        || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal) ? "_total" : "";
                    names.Add(instrument.Name.Replace('.', '_') + unit + counter);
                }
            },
        };
        listener.Start();
        return names;
    }

    [GeneratedRegex(@"carmen_[a-z_]+")]
    private static partial Regex CarmenMetric();
}
