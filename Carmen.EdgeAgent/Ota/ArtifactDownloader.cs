using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Carmen.EdgeAgent.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Fetches artifacts into <c>{stateDirectory}/downloads</c>, named by their SHA-256. A broken transfer resumes where it
/// stopped (an HTTP Range request, guarded by If-Range on the artifact's entity tag), and a file takes its final
/// name only once its size and SHA-256 are what Carmen announced; anything else is discarded and reported.
/// </summary>
public sealed partial class ArtifactDownloader(HttpClient http, IOptions<AgentOptions> options, ILogger<ArtifactDownloader> logger)
{
    private const int Attempts = 5;
    private const int BufferSize = 64 * 1024;
    private static readonly TimeSpan s_stalled = TimeSpan.FromSeconds(60);

    private readonly AgentOptions _options = options.Value;

    public string Directory => Path.Combine(_options.StateDirectory, "downloads");

    /// <summary>The verified file's path. <paramref name="progress"/> hears the bytes on disk so far.</summary>
    public async Task<string> DownloadAsync(OfferedArtifact artifact, Func<long, Task> progress, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string final = Path.Combine(Directory, artifact.Sha256);
        if (File.Exists(final))
        {
            await progress(artifact.Size);
            return final; // verified before it got its name
        }

        string partial = final + ".part";
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await FetchAsync(artifact, partial, progress, cancellationToken);
                break;
            }
            catch (Exception failure) when (attempt < Attempts && IsTransient(failure, cancellationToken))
            {
                TimeSpan wait = TimeSpan.FromSeconds(1 << attempt);
                LogRetrying(artifact.FileName, attempt, wait.TotalSeconds, failure.Message);
                await Task.Delay(wait, cancellationToken);
            }
            catch (Exception failure) when (IsTransient(failure, cancellationToken))
            {
                throw new UpdateFailedException($"Downloading {artifact.FileName} failed {Attempts} times: {failure.Message}");
            }
        }

        await VerifyAsync(artifact, partial, cancellationToken);
        File.Move(partial, final, overwrite: true);
        LogDownloaded(artifact.FileName, artifact.Size);
        return final;
    }

    /// <summary>Removes downloads no longer needed (after an install); a partial file of another action stays for its resume.</summary>
    public void Discard(IEnumerable<OfferedArtifact> artifacts)
    {
        foreach (OfferedArtifact artifact in artifacts)
        {
            File.Delete(Path.Combine(Directory, artifact.Sha256));
        }
    }

    private async Task FetchAsync(OfferedArtifact artifact, string partial, Func<long, Task> progress, CancellationToken cancellationToken)
    {
        long have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (have >= artifact.Size)
        {
            return; // complete (or too long, which verification discards)
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.Server.HttpBase, artifact.Download));
        request.Headers.Authorization = new AuthenticationHeaderValue("TargetToken", _options.AccessToken);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue($"\"{artifact.Sha256}\""));
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(s_stalled);
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        if (!response.IsSuccessStatusCode)
        {
            string why = $"Carmen answered {(int)response.StatusCode} {response.ReasonPhrase} for {artifact.FileName}";
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                File.Delete(partial); // the part is not a prefix of what Carmen serves: the next attempt starts over
            }

            throw (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestedRangeNotSatisfiable or HttpStatusCode.TooManyRequests
                ? new HttpRequestException(why)
                : new UpdateFailedException(why + ".");
        }

        bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
        if (!resumed)
        {
            have = 0; // the server sent the whole file (it changed, or ignores ranges): start over
        }
        else if (have > 0)
        {
            LogResuming(artifact.FileName, have);
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(stall.Token);
        await using var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        byte[] buffer = new byte[BufferSize];
        int read;
        while ((read = await body.ReadAsync(buffer, stall.Token)) > 0)
        {
            stall.CancelAfter(s_stalled);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            have += read;
            if (have > artifact.Size)
            {
                break; // more than announced: verification discards it
            }

            await progress(have);
        }

        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
    }

    private async Task VerifyAsync(OfferedArtifact artifact, string partial, CancellationToken cancellationToken)
    {
        long size = new FileInfo(partial).Length;
        string? problem = null;
        if (size != artifact.Size)
        {
            problem = $"{artifact.FileName} is {size} bytes; Carmen announced {artifact.Size}.";
        }
        else
        {
            await using var file = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
            string sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            if (sha256 != artifact.Sha256)
            {
                problem = $"{artifact.FileName} has SHA-256 {sha256}; Carmen announced {artifact.Sha256}.";
            }
        }

        if (problem is not null)
        {
            File.Delete(partial); // a corrupt file must not be resumed from or installed
            LogRejected(artifact.FileName, problem);
            throw new UpdateFailedException($"Verification failed, nothing installed: {problem}");
        }
    }

    private static bool IsTransient(Exception failure, CancellationToken cancellationToken) =>
        failure is HttpRequestException or IOException || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download of {FileName} interrupted (attempt {Attempt}); resuming in {Seconds} s: {Reason}")]
    private partial void LogRetrying(string fileName, int attempt, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {FileName} at byte {Offset}")]
    private partial void LogResuming(string fileName, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloaded and verified {FileName} ({Size} bytes)")]
    private partial void LogDownloaded(string fileName, long size);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discarded {FileName}: {Problem}")]
    private partial void LogRejected(string fileName, string problem);
}
