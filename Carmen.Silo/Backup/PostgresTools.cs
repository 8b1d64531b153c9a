using System.Diagnostics;
using Npgsql;

namespace Carmen.Silo.Backup;

/// <summary>
/// Runs PostgreSQL's client tools (pg_dump, pg_restore) against Carmen's database: the server, port, user and database
/// as arguments, the password in the environment (never on a command line), from <c>Carmen:Backup:PostgresBinDirectory</c>
/// or the PATH. A tool that fails throws with what it wrote to stderr.
/// </summary>
public sealed class PostgresTools(string binDirectory)
{
    public async Task RunAsync(string tool, NpgsqlConnectionStringBuilder database, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binDirectory.Length > 0 ? Path.Combine(binDirectory, tool) : tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in Connection(database).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        if (database.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        if (database.SslMode != SslMode.Prefer)
        {
            start.Environment["PGSSLMODE"] = database.SslMode.ToString().ToLowerInvariant() switch { "verifyca" => "verify-ca", "verifyfull" => "verify-full", string mode => mode };
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started.");
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        string stderr = await errors;
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed (exit code {process.ExitCode}): {stderr.Trim()}");
        }
    }

    private static IEnumerable<string> Connection(NpgsqlConnectionStringBuilder database)
    {
        yield return $"--host={database.Host}";
        yield return $"--port={database.Port}";
        if (database.Username is { Length: > 0 } user)
        {
            yield return $"--username={user}";
        }

        yield return "--no-password";
    }
}
