using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Carmen.Testing;

/// <summary>Plain HTTP calls against a running node, for tests that drive a real process.</summary>
public static class CarmenHttp
{
    /// <summary>Signs in a user of <paramref name="tenant"/>, or a platform administrator when it is null; returns the token.</summary>
    public static async Task<string> SignInAsync(this HttpClient http, string username, string password, string? tenant = null)
    {
        HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password, tenant });
        string body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"sign-in of {username} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
    }

    public static async Task<JsonNode> SendJsonAsync(this HttpClient http, string token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static Task<JsonNode> GetJsonAsync(this HttpClient http, string token, string path) => http.SendJsonAsync(token, HttpMethod.Get, path);

    /// <summary>Registers a device in cluster "c1" and returns its access token.</summary>
    public static async Task<string> CreateDeviceAsync(this HttpClient http, string token, string tenantId, string deviceId) =>
        (await http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/{tenantId}/devices", new { id = deviceId, clusterId = "c1" }))["accessToken"]!.GetValue<string>();

    /// <summary>A tenant with business unit "bu" holding cluster "c1", the setup most process tests start from.</summary>
    public static async Task CreateTenantWithClusterAsync(this HttpClient http, string token, string tenantId)
    {
        await http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants", new { id = tenantId, name = tenantId });
        await http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/{tenantId}/business-units", new { id = "bu", name = "BU" });
        await http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/{tenantId}/business-units/bu/clusters", new { id = "c1", name = "C1" });
    }

    /// <summary>A service account "<paramref name="name"/>" that views the whole tenant, and a key of its; returns the key.</summary>
    public static async Task<string> CreateViewerKeyAsync(this HttpClient http, string token, string tenantId, string name)
    {
        string account = (await http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/{tenantId}/service-accounts", new { name }))["id"]!.GetValue<string>();
        await http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/{tenantId}/role-assignments",
            new { serviceAccountId = account, role = "viewer", scope = new { type = "tenant" } });
        return (await http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/{tenantId}/service-accounts/{account}/keys", new { name }))["key"]!.GetValue<string>();
    }
}
