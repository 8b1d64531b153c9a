using System.Net;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Updates;

/// <summary>An artifact over the configured size is refused with 413 and leaves nothing behind.</summary>
public sealed class ArtifactLimitTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new() { Settings = new Dictionary<string, string> { ["Carmen:Artifacts:MaxSizeBytes"] = "1000" } };

    [Fact]
    public async Task UploadsOverTheLimitAreRefusedAndNotKept()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(_factory, firmwareBytes: 1000);

        HttpResponseMessage tooLarge = await setup.Admin.SendAsync(HttpMethod.Post,
            $"/api/v1/tenants/{setup.Tenant}/software-modules/{setup.ModuleId}/artifacts?filename=big.bin", new ByteArrayContent(new byte[1001]));

        await tooLarge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "file");
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/software-modules/{setup.ModuleId}"))["artifacts"]!.AsArray().Should().ContainSingle();
        Directory.EnumerateFiles(Path.Combine(_factory.DataDirectory, "artifacts", ".incoming")).Should().BeEmpty();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
