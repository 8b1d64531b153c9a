using System.Security.Cryptography;
using System.Text;

namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// A gateway names its children as ThingsBoard does, by device name ("Press 7 / Line A"); Carmen keys devices by id. A
/// child's id follows from its name alone, so any silo finds the child of a message without a lookup: the name itself
/// when it is a valid device id, otherwise its slug and a hash of the whole name (two names never share an id by
/// their slug alone).
/// </summary>
public static class GatewayChildren
{
    /// <summary>The longest child name taken, as for any device name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The device id of the child named <paramref name="name"/>.</summary>
    public static string DeviceIdOf(string name)
    {
        if (Identifiers.IsValidDeviceId(name))
        {
            return name;
        }

        return $"{Identifiers.Slugify(name)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12]}";
    }

    /// <summary>Whether <paramref name="name"/> can name a child: 1 to <see cref="MaxNameLength"/> characters, none of them control characters.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl);
}
