using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Carmen.Testing.Node;

/// <summary>
/// What OTA tests start from: a tenant with a device, a firmware module with one uploaded artifact (random bytes), and
/// a distribution set holding it.
/// </summary>
public sealed record UpdateSetup(CarmenClient Admin, string Tenant, string DeviceToken, long ModuleId, long SetId, byte[] Firmware)
{
    public const string FileName = "firmware.bin";

    public static async Task<UpdateSetup> CreateAsync(CarmenApiFactory factory, int firmwareBytes = 100_000)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        long moduleId = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules",
            new { name = "gateway-os", version = "2.0.0", type = "os", metadata = new[] { new { key = "slot", value = "B", visibleToDevice = true } } }))["id"]!.GetValue<long>();
        byte[] firmware = RandomNumberGenerator.GetBytes(firmwareBytes);
        var body = new ByteArrayContent(firmware);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules/{moduleId}/artifacts?filename={FileName}", body);
        long setId = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/distribution-sets",
            new { name = "gateway", version = "2.0.0", modules = new[] { moduleId } }))["id"]!.GetValue<long>();
        return new UpdateSetup(admin, tenant, token, moduleId, setId, firmware);
    }

    public async Task<long> AssignAsync(string deviceId = "d1", object? extra = null)
    {
        JsonObject action = await Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{Tenant}/devices/{deviceId}/assignments",
            extra ?? new { distributionSetId = SetId, actionType = "forced" });
        return action["id"]!.GetValue<long>();
    }

    public string Controller(string deviceId = "d1") => $"/{Tenant}/controller/v1/{deviceId}";

    /// <summary>An HTTP client speaking as the device, with DDI's TargetToken header.</summary>
    public static HttpClient Device(CarmenApiFactory factory, string token, string scheme = "TargetToken")
    {
        HttpClient http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, token);
        return http;
    }
}
