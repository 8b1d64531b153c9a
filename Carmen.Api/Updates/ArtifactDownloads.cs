using Carmen.Api.Errors;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Net.Http.Headers;

namespace Carmen.Api.Updates;

/// <summary>Serves artifact bytes from the store, with range requests (resume), HEAD, and the SHA-256 as the entity tag.</summary>
public static class ArtifactDownloads
{
    public static IResult Serve(ArtifactInfo? artifact, IArtifactStore store, long moduleId, string fileName)
    {
        if (artifact is null)
        {
            return TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status404NotFound, $"Module {moduleId} has no artifact '{fileName}' for you.", null));
        }

        return store.Locate(artifact.Sha256) is string path
            ? TypedResults.PhysicalFile(path, "application/octet-stream", artifact.FileName, enableRangeProcessing: true,
                entityTag: new EntityTagHeaderValue($"\"{artifact.Sha256}\""))
            : TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status410Gone, $"The content of artifact '{fileName}' is missing from the artifact store.", null));
    }

    /// <summary>The ".MD5SUM" companion hawkBit serves: "{md5}  {file name}".</summary>
    public static IResult Md5Sum(ArtifactInfo artifact) => TypedResults.Text($"{artifact.Md5}  {artifact.FileName}\n", "text/plain");
}
