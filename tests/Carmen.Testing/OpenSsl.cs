
namespace Carmen.Testing;

/// <summary>Debian's openssl as the device and the relying party: it makes keys and CSRs and checks what Carmen signs.</summary>
public sealed class OpenSsl : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("carmen-pki-").FullName;

    public string PathOf(string file) => Path.Combine(_directory, file);

    /// <summary>A new key (openssl's <c>-newkey</c> syntax, "ec" on P-256 by default) and a CSR for it; returns the CSR's PEM.</summary>
    public async Task<string> NewCsrAsync(string name, string newKey = "ec", params string[] keyOptions)
    {
        List<string> arguments = ["req", "-new", "-newkey", newKey, .. keyOptions.SelectMany(option => new[] { "-pkeyopt", option }),
            "-nodes", "-keyout", PathOf($"{name}.key"), "-subj", $"/CN={name}", "-out", PathOf($"{name}.csr")];
        if (newKey == "ec" && keyOptions.Length == 0)
        {
            arguments.InsertRange(arguments.IndexOf("-nodes"), ["-pkeyopt", "ec_paramgen_curve:P-256"]);
        }

        await RunAsync([.. arguments]);
        return await File.ReadAllTextAsync(PathOf($"{name}.csr"));
    }

    /// <summary>Runs openssl; throws with its output when it fails.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        (int exitCode, string output) = await TryAsync(arguments);
        return exitCode == 0 ? output : throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed ({exitCode}): {output}");
    }

    public Task<(int ExitCode, string Output)> TryAsync(params string[] arguments) =>
        ExternalTool.RunAsync("openssl", arguments, TimeSpan.FromSeconds(30), workingDirectory: _directory);

    public async Task<string> WriteAsync(string file, string text)
    {
        await File.WriteAllTextAsync(PathOf(file), text);
        return PathOf(file);
    }

    public async Task<string> WriteAsync(string file, byte[] bytes)
    {
        await File.WriteAllBytesAsync(PathOf(file), bytes);
        return PathOf(file);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
