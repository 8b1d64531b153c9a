using System.Security.Cryptography;
using System.Text;

namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// Devices that name themselves as ThingsBoard's do (a gateway's children, a device provisioning itself) give a name
/// ("Press 7 / Line A"); Carmen keys devices by id. The id follows from the name alone, so any silo finds the device
/// without a lookup: the name itself when it is a valid device id, otherwise its slug and a hash of the whole name
/// (two names never share an id by their slug alone).
/// </summary>
public static class DeviceNames
{
    /// <summary>The longest name taken, as for any device name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The device id of the device named <paramref name="name"/>.</summary>
    public static string IdOf(string name)
    {
        if (Identifiers.IsValidDeviceId(name))
        {
            return name;
        }

        return $"{Identifiers.Slugify(name)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12]}";
    }

    /// <summary>Whether <paramref name="name"/> can name a device this way: 1 to <see cref="MaxNameLength"/> characters, none of them control characters.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl);
}
