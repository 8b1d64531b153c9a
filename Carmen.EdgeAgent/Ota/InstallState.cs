using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Carmen.EdgeAgent.Attributes;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.State;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// What is installed and what waits for a reboot, in the state directory. Files are replaced atomically
/// (<see cref="AtomicFile"/>), so a power cut leaves the old or the new state, never half of one.
/// </summary>
public sealed class InstallState
{
    private readonly string _installedFile;
    private readonly string _pendingFile;

    public InstallState(IOptions<AgentOptions> options)
    {
        Directory.CreateDirectory(options.Value.StateDirectory);
        _installedFile = Path.Combine(options.Value.StateDirectory, "installed.json");
        _pendingFile = Path.Combine(options.Value.StateDirectory, "pending-install.json");
        Installed = Load(_installedFile, AgentStateJsonContext.Default.InstalledSoftware);
        Pending = Load(_pendingFile, AgentStateJsonContext.Default.PendingInstall);
    }

    public InstalledSoftware? Installed { get; private set; }

    public PendingInstall? Pending { get; private set; }

    public void SetInstalled(InstalledSoftware installed)
    {
        Save(_installedFile, installed, AgentStateJsonContext.Default.InstalledSoftware);
        Installed = installed;
    }

    public void SetPending(PendingInstall? pending)
    {
        if (pending is null)
        {
            File.Delete(_pendingFile);
        }
        else
        {
            Save(_pendingFile, pending, AgentStateJsonContext.Default.PendingInstall);
        }

        Pending = pending;
    }

    private static T? Load<T>(string path, JsonTypeInfo<T> type) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type);
        }
        catch (JsonException)
        {
            return null; // unreadable state is treated as none; Carmen still knows what was assigned
        }
    }

    private static void Save<T>(string path, T value, JsonTypeInfo<T> type) => AtomicFile.Replace(path, JsonSerializer.SerializeToUtf8Bytes(value, type));
}
