namespace Carmen.Testing;

/// <summary>Debian's swupdate (suricatta in hawkBit mode): a DDI client no one here wrote.</summary>
public static class Swupdate
{
    public const string NotInstalledMessage = "swupdate, cpio or openssl not found: install Debian's swupdate, cpio and openssl packages to run these tests.";

    public static bool Installed => File.Exists("/usr/bin/swupdate") && File.Exists("/usr/bin/cpio") && File.Exists("/usr/bin/openssl");
}
