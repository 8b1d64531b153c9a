namespace Carmen.Testing;

/// <summary>
/// The edge agent built for arm64 (deploy/agent/publish.sh arm64) and Debian's qemu-user-static to run it on an x64
/// machine, with the aarch64 libraries of Debian's cross toolchain as its root.
/// </summary>
public static class Arm64Agent
{
    public const string Qemu = "/usr/bin/qemu-aarch64-static";

    public const string Sysroot = "/usr/aarch64-linux-gnu";

    public const string NotAvailableMessage =
        "The arm64 agent needs qemu-user-static, gcc-aarch64-linux-gnu and clang (apt-get install qemu-user-static gcc-aarch64-linux-gnu clang) and out/agent/linux-arm64/carmen-agent (deploy/agent/publish.sh arm64).";

    public static string Binary => Path.Combine(Repository.Root, "out", "agent", "linux-arm64", "carmen-agent");

    /// <summary>Whether the binary can run here: natively on arm64, or under qemu with the cross toolchain's libraries.</summary>
    public static bool Available => File.Exists(Binary)
        && (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64
            || (File.Exists(Qemu) && Directory.Exists(Sysroot)));
}
