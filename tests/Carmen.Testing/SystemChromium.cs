namespace Carmen.Testing;

/// <summary>Debian's chromium, which browser tests drive through Playwright; they never download a browser.</summary>
public static class SystemChromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(Path);
}
