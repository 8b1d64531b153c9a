using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>
/// A tenant with devices d01..dNN, two distribution sets (1.0 and 2.0, each one module with a small artifact), and
/// the tenant's DDI gateway token, through which the tests speak for any device as an update client would.
/// </summary>
internal sealed class RolloutSetup(CarmenClient admin, string tenant, long oldSetId, long newSetId, HttpClient gateway, IReadOnlyDictionary<string, string> tokens) : IDisposable
{
    /// <summary>Each device's MQTT access token.</summary>
    public IReadOnlyDictionary<string, string> Tokens => tokens;

    public CarmenClient Admin => admin;

    public string Tenant => tenant;

    public long OldSetId => oldSetId;

    public long NewSetId => newSetId;

    public string Rollouts => $"/api/v1/tenants/{tenant}/rollouts";

    public static string Device(int i) => $"d{i:D2}";

    public static async Task<RolloutSetup> CreateAsync(CarmenApiFactory factory, int devices, Func<int, object?>? extra = null)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        var tokens = new Dictionary<string, string>();
        for (int i = 1; i <= devices; i++)
        {
            tokens[Device(i)] = (await admin.CreateDeviceAsync(tenant, Device(i), extra: extra?.Invoke(i)))["accessToken"]!.GetValue<string>();
        }

        long oldSet = await CreateSetAsync(admin, tenant, "1.0.0");
        long newSet = await CreateSetAsync(admin, tenant, "2.0.0");
        JsonObject ddi = await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/ddi-settings", new { issueGatewayToken = true });
        HttpClient gateway = factory.CreateClient();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("GatewayToken", ddi["gatewayToken"]!.GetValue<string>());
        return new RolloutSetup(admin, tenant, oldSet, newSet, gateway, tokens);
    }

    public async Task<long> CreateRolloutAsync(object body)
    {
        JsonObject created = await admin.SendOkAsync(HttpMethod.Post, Rollouts, body);
        long id = created["id"]!.GetValue<long>();
        await WaitAsync(id, rollout => rollout["status"]!.GetValue<string>() is not "creating");
        return id;
    }

    public Task<JsonObject> GetAsync(long rolloutId) => admin.GetAsync($"{Rollouts}/{rolloutId}");

    public Task<JsonObject> WaitAsync(long rolloutId, Func<JsonObject, bool> condition) => admin.GetEventuallyAsync($"{Rollouts}/{rolloutId}", condition);

    public Task<JsonObject> ActAsync(long rolloutId, string verb, object? body = null) => admin.SendOkAsync(HttpMethod.Post, $"{Rollouts}/{rolloutId}/{verb}", body);

    /// <summary>The device's actions, newest first.</summary>
    public async Task<JsonArray> ActionsAsync(string deviceId) =>
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{deviceId}/actions"))["items"]!.AsArray();

    /// <summary>The device's newest action that is still under way, if any.</summary>
    public async Task<JsonNode?> ActiveActionAsync(string deviceId) =>
        (await ActionsAsync(deviceId)).FirstOrDefault(action => action!["status"]!.GetValue<string>() is "running" or "downloading" or "downloaded" or "canceling");

    /// <summary>Waits until the device has an action under way and answers its id.</summary>
    public async Task<long> WaitForActionAsync(string deviceId)
    {
        JsonNode? action = await Eventually.ReadAsync(() => ActiveActionAsync(deviceId), active => active is not null);
        action.Should().NotBeNull($"device {deviceId} gets an action");
        return action!["id"]!.GetValue<long>();
    }

    /// <summary>Waits until the device's newest action has the status; false if it never does.</summary>
    public Task<bool> WaitForActionStatusAsync(string deviceId, string status) => Eventually.HoldsAsync(async () =>
    {
        JsonArray actions = await ActionsAsync(deviceId);
        return actions.Count > 0 && actions[0]!["status"]!.GetValue<string>() == status;
    });

    /// <summary>The devices poll over DDI, as a DDI client does every few minutes; each takes what rollouts posted to it.</summary>
    public async Task PollAsync(params string[] deviceIds)
    {
        foreach (string deviceId in deviceIds)
        {
            HttpResponseMessage response = await gateway.GetAsync($"/{tenant}/controller/v1/{deviceId}");
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The device reports over DDI that its action ended ("success" or "failure").</summary>
    public async Task FinishAsync(string deviceId, string result = "success")
    {
        long actionId = await WaitForActionAsync(deviceId);
        HttpResponseMessage response = await gateway.PostAsJsonAsync($"/{tenant}/controller/v1/{deviceId}/deploymentBase/{actionId}/feedback",
            new { status = new { execution = "closed", result = new { finished = result }, details = new[] { $"install {result}" } } });
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Installs the old set on the device by a direct assignment the device finishes, so a rollback has somewhere to go.</summary>
    public async Task InstallOldSetAsync(string deviceId)
    {
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/{deviceId}/assignments", new { distributionSetId = oldSetId });
        await FinishAsync(deviceId);
    }

    /// <summary>Waits until <paramref name="expected"/> of the devices have an action, and answers which.</summary>
    public Task<List<string>> DevicesWithActionsAsync(int devices, int expected = 2) => Eventually.ReadAsync(
        async () =>
        {
            List<string> notified = [];
            foreach (string device in Enumerable.Range(1, devices).Select(Device))
            {
                if (await ActiveActionAsync(device) is not null)
                {
                    notified.Add(device);
                }
            }

            return notified;
        },
        notified => notified.Count >= expected);

    public static int Count(JsonNode counts, string state) => counts[state]!.GetValue<int>();

    public void Dispose()
    {
        gateway.Dispose();
        admin.Dispose();
    }

    internal static async Task<long> CreateSetAsync(CarmenClient admin, string tenant, string version)
    {
        long moduleId = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules", new { name = "edge-os", version, type = "os" }))["id"]!.GetValue<long>();
        var artifact = new ByteArrayContent([1, 2, 3, 4]);
        artifact.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules/{moduleId}/artifacts?filename=os-{version}.bin", artifact);
        return (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/distribution-sets", new { name = "edge", version, modules = new[] { moduleId } }))["id"]!.GetValue<long>();
    }
}
