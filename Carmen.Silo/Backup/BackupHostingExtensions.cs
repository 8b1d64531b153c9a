using Carmen.Grains.Backups;
using Carmen.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Backup;

internal static class BackupHostingExtensions
{
    /// <summary>
    /// A single node's backups: the platform's backups grain takes them here, on its schedule or through the API. The
    /// silo then starts <see cref="PlatformBackupsStarter"/>, once it can activate grains.
    /// </summary>
    public static void AddNodeBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidation>();
        builder.Services.AddSingleton<INodeBackups, NodeBackups>();
    }

    /// <summary>The configured settings obey the rules the API applies, each fault named by its configuration key.</summary>
    private sealed class BackupOptionsValidation : IValidateOptions<BackupOptions>
    {
        public ValidateOptionsResult Validate(string? name, BackupOptions options)
        {
            try
            {
                BackupSettingsRules.Validate(options.ToSettings());
                return ValidateOptionsResult.Success;
            }
            catch (CarmenException invalid)
            {
                return ValidateOptionsResult.Fail($"{BackupOptions.SectionName}:{invalid.Field}: {invalid.Message}");
            }
        }
    }
}
