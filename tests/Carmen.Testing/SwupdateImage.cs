using System.Security.Cryptography;
using System.Text;
using FluentAssertions;

namespace Carmen.Testing;

/// <summary>
/// A signed .swu built as a device maker builds one: a libconfig sw-description for one hardware revision that writes
/// one file, signed by openssl (CMS, a throwaway signer certificate), packed first-entry-first with cpio.
/// </summary>
public sealed record SwupdateImage(string SwuPath, string SignerCertificate, string InstallPath, byte[] Payload)
{
    public static async Task<SwupdateImage> BuildAsync(string directory, string hardwareRevision)
    {
        Directory.CreateDirectory(directory);
        byte[] payload = Encoding.UTF8.GetBytes($"firmware 2.0.0 built {Guid.NewGuid():N}\n");
        await File.WriteAllBytesAsync(Path.Combine(directory, "payload.bin"), payload);
        string installPath = Path.Combine(directory, "installed", "payload.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(installPath)!);
        await File.WriteAllTextAsync(Path.Combine(directory, "sw-description"), $$"""
            software =
            {
                version = "2.0.0";
                hardware-compatibility: [ "{{hardwareRevision}}" ];
                files: (
                    {
                        filename = "payload.bin";
                        path = "{{installPath}}";
                        sha256 = "{{Convert.ToHexStringLower(SHA256.HashData(payload))}}";
                    }
                );
            }
            """);

        await RunAsync(directory, "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "signer.key", "-out", "signer.crt", "-days", "2",
            "-subj", "/CN=Carmen test image signer", "-addext", "extendedKeyUsage=emailProtection", "-addext", "keyUsage=digitalSignature");
        await RunAsync(directory, "/usr/bin/openssl", "cms", "-sign", "-in", "sw-description", "-out", "sw-description.sig", "-signer", "signer.crt",
            "-inkey", "signer.key", "-outform", "DER", "-nosmimecap", "-binary");
        (int exit, string output) = await ExternalTool.RunAsync("/usr/bin/cpio", ["-o", "-H", "crc", "-O", "update.swu"], TimeSpan.FromSeconds(30),
            input: "sw-description\nsw-description.sig\npayload.bin\n", workingDirectory: directory);
        exit.Should().Be(0, output);
        return new SwupdateImage(Path.Combine(directory, "update.swu"), Path.Combine(directory, "signer.crt"), installPath, payload);
    }

    private static async Task RunAsync(string directory, string tool, params string[] arguments)
    {
        (int exit, string output) = await ExternalTool.RunAsync(tool, arguments, TimeSpan.FromSeconds(60), workingDirectory: directory);
        exit.Should().Be(0, $"{tool} {string.Join(' ', arguments)}: {output}");
    }
}
