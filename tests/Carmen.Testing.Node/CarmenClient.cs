using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Carmen.Testing.Node;

/// <summary>An HTTP client signed in as one user, with shortcuts for the setup most tests need.</summary>
public sealed class CarmenClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    /// <summary>Signs in a platform administrator.</summary>
    public static Task<CarmenClient> SignInAsync(CarmenApiFactory factory, string username, string password) => SignInAsync(factory, null, username, password);

    /// <summary>Signs in a user of <paramref name="tenant"/> (a platform administrator when it is null).</summary>
    public static async Task<CarmenClient> SignInAsync(CarmenApiFactory factory, string? tenant, string username, string password)
    {
        HttpClient http = factory.CreateClient();
        HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password, tenant });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonObject token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return new CarmenClient(http);
    }

    public static Task<CarmenClient> SignInAsAdminAsync(CarmenApiFactory factory) =>
        SignInAsync(factory, "admin", CarmenApiFactory.AdminPassword);

    /// <summary>A tenant with one business unit "bu" holding cluster "c1", and a tenant admin "{tenant}-admin".</summary>
    public async Task<string> CreateTenantAsync(string? tenantId = null, int? maxDevices = null)
    {
        tenantId ??= "t-" + Guid.NewGuid().ToString("N")[..10];
        await SendOkAsync(HttpMethod.Post, "/api/v1/tenants", new { id = tenantId, name = $"Tenant {tenantId}", limits = new { maxDevices } });
        await SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/business-units", new { id = "bu", name = "Business unit" });
        await SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/business-units/bu/clusters", new { id = "c1", name = "Cluster one" });
        await CreateUserAsync(tenantId, $"{tenantId}-admin", "tenantAdmin");
        return tenantId;
    }

    /// <summary>A new tenant with device <paramref name="deviceId"/> in cluster "c1", as the platform administrator, and the device's access token.</summary>
    public static async Task<(CarmenClient Admin, string Tenant, string Token)> TenantWithDeviceAsync(CarmenApiFactory factory, string deviceId)
    {
        CarmenClient admin = await SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, deviceId))["accessToken"]!.GetValue<string>();
        return (admin, tenant, token);
    }

    public Task<JsonObject> CreateUserAsync(string tenantId, string username, string role) =>
        SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/users", new { username, password = UserPassword, role });

    public const string UserPassword = "user-password-1";

    public Task<JsonObject> CreateDeviceAsync(string tenantId, string deviceId, string clusterId = "c1", object? extra = null) =>
        SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/devices", Merge(new { id = deviceId, name = $"Device {deviceId}", clusterId }, extra));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = body is HttpContent content ? content : JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    public async Task<JsonObject> SendOkAsync(HttpMethod method, string path, object? body = null)
    {
        HttpResponseMessage response = await SendAsync(method, path, body);
        string text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["items"] = JsonNode.Parse(text) };
    }

    public async Task<JsonObject> GetAsync(string path) => await SendOkAsync(HttpMethod.Get, path);

    /// <summary>GETs <paramref name="path"/> until the answer meets the condition (up to 10 s); for effects that land asynchronously.</summary>
    public async Task<JsonObject> GetEventuallyAsync(string path, Func<JsonObject, bool> condition)
    {
        JsonObject body = await Eventually.ReadAsync(() => GetAsync(path), condition);
        condition(body).Should().BeTrue(body.ToJsonString());
        return body;
    }

    public void Dispose() => http.Dispose();

    private static JsonObject Merge(object baseline, object? extra)
    {
        JsonObject merged = JsonSerializer.SerializeToNode(baseline)!.AsObject();
        if (extra is not null)
        {
            foreach ((string key, JsonNode? value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }
}
