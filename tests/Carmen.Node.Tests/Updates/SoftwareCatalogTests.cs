using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Updates;

/// <summary>Modules, artifacts and distribution sets: uploads hashed on the way in, and nothing in use deleted.</summary>
public sealed class SoftwareCatalogTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task MultipartUploadIsHashedStoredOnceAndDownloadableByOperators()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long moduleId = (await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/software-modules",
            new { name = "app", version = "1.0", type = "application" }))["id"]!.GetValue<long>();
        byte[] bytes = RandomNumberGenerator.GetBytes(300_000);

        JsonObject artifact = await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/software-modules/{moduleId}/artifacts", Multipart(bytes, "app.tar"));
        JsonObject again = await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/software-modules/{moduleId}/artifacts", Multipart(bytes, "copy.tar"));
        HttpResponseMessage duplicate = await setup.Admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/software-modules/{moduleId}/artifacts", Multipart(bytes, "app.tar"));

        (artifact["fileName"]!.GetValue<string>(), artifact["size"]!.GetValue<long>()).Should().Be(("app.tar", bytes.Length));
        artifact["sha256"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        again["sha256"]!.GetValue<string>().Should().Be(artifact["sha256"]!.GetValue<string>());
        await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict, "filename");
        (await setup.Admin.Http.GetByteArrayAsync($"/api/v1/tenants/{setup.Tenant}/software-modules/{moduleId}/artifacts/app.tar")).Should().Equal(bytes);
        Directory.GetFiles(Path.Combine(factory.DataDirectory, "artifacts"), artifact["sha256"]!.GetValue<string>(), SearchOption.AllDirectories)
            .Should().ContainSingle("content is stored once, by its SHA-256");
    }

    [Fact]
    public async Task ThingsInUseAreNotDeleted()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        string module = $"/api/v1/tenants/{setup.Tenant}/software-modules/{setup.ModuleId}";
        string set = $"/api/v1/tenants/{setup.Tenant}/distribution-sets/{setup.SetId}";

        await (await setup.Admin.SendAsync(HttpMethod.Delete, module)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await setup.Admin.SendAsync(HttpMethod.Delete, $"{module}/artifacts/{UpdateSetup.FileName}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await setup.AssignAsync();
        await (await setup.Admin.SendAsync(HttpMethod.Delete, set)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        long spare = (await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/distribution-sets",
            new { name = "spare", version = "1", modules = new[] { setup.ModuleId } }))["id"]!.GetValue<long>();

        (await setup.Admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{setup.Tenant}/distribution-sets/{spare}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await setup.Admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{setup.Tenant}/distribution-sets/{spare}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InvalidCatalogInputNamesTheField()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        string tenant = $"/api/v1/tenants/{setup.Tenant}";
        long empty = (await setup.Admin.SendOkAsync(HttpMethod.Post, $"{tenant}/software-modules", new { name = "empty", version = "1", type = "os" }))["id"]!.GetValue<long>();

        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/software-modules", new { name = "x", version = "1", type = "Not A Type" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "type");
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/software-modules", new { name = "gateway-os", version = "2.0.0", type = "os" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "version");
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/distribution-sets", new { name = "s", version = "1", modules = new[] { empty } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "modules[0]");
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/distribution-sets", new { name = "s", version = "1", modules = Array.Empty<long>() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "modules");
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/software-modules/{empty}/artifacts", new ByteArrayContent([1]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filename");
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/software-modules/{empty}/artifacts?filename=..", new ByteArrayContent([1]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filename");
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/software-modules/999999/artifacts?filename=a.bin", new ByteArrayContent([1]))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/devices/d1/assignments", new { distributionSetId = setup.SetId, actionType = "eventually" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "actionType");
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"{tenant}/devices/d1/assignments", new { distributionSetId = 424242 })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DistributionSetsForOtherDeviceTypesAreRefusedAndReassigningIsAConflict()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long forCameras = (await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/distribution-sets",
            new { name = "camera", version = "1", modules = new[] { setup.ModuleId }, deviceTypes = new[] { "camera" } }))["id"]!.GetValue<long>();

        await (await setup.Admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d1/assignments", new { distributionSetId = forCameras }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "distributionSetId");
        await setup.AssignAsync();
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d1/assignments", new { distributionSetId = setup.SetId }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "distributionSetId");
    }

    private static MultipartFormDataContent Multipart(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
