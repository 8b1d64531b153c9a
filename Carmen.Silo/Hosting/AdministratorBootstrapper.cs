using System.Buffers.Text;
using System.Security.Cryptography;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Users;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Hosting;

/// <summary>
/// Creates the first platform administrator once, when the silo first starts on empty storage. A generated password
/// is written to the console only (not to the log pipeline), since log sinks are often shipped elsewhere.
/// </summary>
public sealed partial class AdministratorBootstrapper(
    IGrainFactory grains,
    IOptions<BootstrapOptions> options,
    ILogger<AdministratorBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IPlatformGrain platform = grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key);
        if (await platform.IsBootstrappedAsync(cancellationToken))
        {
            return;
        }

        string username = options.Value.AdminUsername.Trim().ToLowerInvariant();
        string? password = options.Value.AdminPassword;
        bool generated = string.IsNullOrEmpty(password);
        password = generated ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)) : password;
        try
        {
            await grains.GetGrain<IUserGrain>(username).CreateAsync(new UserSpec(null, UserRole.PlatformAdmin, password!), cancellationToken);
        }
        catch (CarmenException taken) when (taken.Kind == ErrorKind.Conflict)
        {
            // Created by an earlier start that stopped before recording it; keep its password.
            generated = false;
        }

        await platform.MarkBootstrappedAsync(cancellationToken);
        LogCreated(username, generated ? "generated and printed to the console" : $"taken from {BootstrapOptions.PasswordVariable}");
        if (generated)
        {
            await Console.Out.WriteLineAsync(
                $"""

                 ==================================================================
                  Carmen platform administrator created
                    username: {username}
                    password: {password}
                  This password is shown once. Sign in and keep it somewhere safe.
                 ==================================================================

                """);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "First platform administrator {Username} created; password {PasswordSource}")]
    private partial void LogCreated(string username, string passwordSource);
}
