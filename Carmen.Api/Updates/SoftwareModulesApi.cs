using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Errors;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Carmen.Api.Updates;

/// <summary>Software modules and their artifacts: uploads are streamed to the artifact store, hashed on the way.</summary>
public static class SoftwareModulesApi
{
    public static RouteGroupBuilder MapSoftwareModulesApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder modules = tenant.MapGroup("/software-modules").WithTags("Software updates");
        modules.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.DevicesRead);
        modules.MapPost("/", CreateAsync).RequirePermission(Permissions.RolloutsManage);
        modules.MapGet("/{moduleId:long}", GetAsync).RequirePermissionAnywhere(Permissions.DevicesRead);
        modules.MapDelete("/{moduleId:long}", DeleteAsync).RequirePermission(Permissions.RolloutsManage)
            .WithSummary("Deletes a module; refused with 409 while a distribution set holds it.");
        modules.MapPost("/{moduleId:long}/artifacts", UploadAsync).RequirePermission(Permissions.RolloutsManage).DisableAntiforgery()
            .WithSummary("Uploads an artifact: multipart/form-data with field \"file\", or the raw body with ?filename=. Hashes are computed on upload.");
        modules.MapMethods("/{moduleId:long}/artifacts/{fileName}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync).RequirePermissionAnywhere(Permissions.DevicesRead)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithSummary("Downloads an artifact (HTTP range requests supported).");
        modules.MapDelete("/{moduleId:long}/artifacts/{fileName}", RemoveArtifactAsync).RequirePermission(Permissions.RolloutsManage);
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<SoftwareModuleResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<SoftwareModuleResponse>>([.. (await Catalog(scope).ListModulesAsync(scope.CancellationToken)).Select(SoftwareModuleResponse.From)]);

    public static async Task<Created<SoftwareModuleResponse>> CreateAsync([AsParameters] TenantScope scope, CreateSoftwareModuleRequest request)
    {
        var spec = new SoftwareModuleSpec(request.Name ?? "", request.Version ?? "", request.Type ?? "", request.Vendor, request.Description,
            [.. (request.Metadata ?? []).Select((entry, index) => entry is null
                ? throw CarmenException.Invalid($"metadata[{index}]", "A metadata entry is an object {key, value, visibleToDevice}.")
                : new ModuleMetadata(entry.Key ?? "", entry.Value ?? "", entry.VisibleToDevice))]);
        SoftwareModuleInfo module = await Catalog(scope).CreateModuleAsync(spec, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/software-modules/{module.Id}", SoftwareModuleResponse.From(module));
    }

    public static async Task<Ok<SoftwareModuleResponse>> GetAsync([AsParameters] TenantScope scope, long moduleId) =>
        TypedResults.Ok(SoftwareModuleResponse.From(await Catalog(scope).GetModuleAsync(moduleId, scope.CancellationToken)));

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, long moduleId)
    {
        await Catalog(scope).DeleteModuleAsync(moduleId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<ArtifactResponse>, ProblemHttpResult>> UploadAsync(
        [AsParameters] TenantScope scope, long moduleId, string? filename, HttpContext http,
        IArtifactStore store, IOptions<ArtifactOptions> options, TimeProvider time)
    {
        ISoftwareCatalogGrain catalog = Catalog(scope);
        await catalog.GetModuleAsync(moduleId, scope.CancellationToken); // 404 before streaming gigabytes
        long maxBytes = options.Value.MaxSizeBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + (1024 * 1024); // room for multipart framing; the store enforces the exact limit
        }

        try
        {
            (string fileName, StoredContent stored) = await ReceiveAsync(http.Request, filename, store, maxBytes, scope.CancellationToken);
            var artifact = new ArtifactInfo(fileName, stored.Size, stored.Sha256, stored.Sha1, stored.Md5, time.GetUtcNow());
            SoftwareModuleInfo module = await catalog.AddArtifactAsync(moduleId, artifact, scope.CancellationToken);
            ArtifactInfo added = module.Artifacts.Single(candidate => candidate.FileName == artifact.FileName);
            return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/software-modules/{moduleId}/artifacts/{Uri.EscapeDataString(added.FileName)}", ArtifactResponse.From(added));
        }
        catch (ArtifactTooLargeException tooLarge)
        {
            return TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status413PayloadTooLarge, tooLarge.Message, "file"));
        }
    }

    public static async Task<IResult> DownloadAsync([AsParameters] TenantScope scope, long moduleId, string fileName, IArtifactStore store) =>
        ArtifactDownloads.Serve(await Catalog(scope).FindArtifactAsync(moduleId, fileName, scope.CancellationToken), store, moduleId, fileName);

    public static async Task<Ok<SoftwareModuleResponse>> RemoveArtifactAsync([AsParameters] TenantScope scope, long moduleId, string fileName) =>
        TypedResults.Ok(SoftwareModuleResponse.From(await Catalog(scope).RemoveArtifactAsync(moduleId, fileName, scope.CancellationToken)));

    /// <summary>The file name and stored bytes of an upload: the multipart field "file", or the raw body named by ?filename=.</summary>
    private static async Task<(string FileName, StoredContent Stored)> ReceiveAsync(
        HttpRequest request, string? filename, IArtifactStore store, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            string name = string.IsNullOrWhiteSpace(filename)
                ? throw CarmenException.Invalid("filename", "A raw upload names its file with ?filename=; or send multipart/form-data with a field \"file\".")
                : filename;
            return (name, await store.StoreAsync(request.Body, maxBytes, cancellationToken));
        }

        string boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value
            ?? throw CarmenException.Invalid("file", "The multipart body has no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is MultipartSection section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Value == "file")
            {
                string? name = filename ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                return (string.IsNullOrWhiteSpace(name) ? throw CarmenException.Invalid("filename", "The \"file\" part has no file name.") : name,
                    await store.StoreAsync(section.Body, maxBytes, cancellationToken));
            }
        }

        throw CarmenException.Invalid("file", "The multipart body has no field named \"file\".");
    }

    private static ISoftwareCatalogGrain Catalog(TenantScope scope) => scope.Grains.GetGrain<ISoftwareCatalogGrain>(scope.TenantId);
}
