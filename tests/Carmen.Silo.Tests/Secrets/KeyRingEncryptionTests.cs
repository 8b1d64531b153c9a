using System.Runtime.Versioning;
using System.Security.Cryptography;
using Carmen.Silo.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Silo.Tests.Secrets;

/// <summary>The data-protection key ring is written with its secrets encrypted under the key encryption key.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyRingEncryptionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ANodeWithoutAConfiguredKeyMakesOneForItsOwnerAndWritesItsKeysEncrypted()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.AddEmbeddedKeyRing(_directory.Path);
        using WebApplication app = builder.Build();

        string secret = app.Services.GetDataProtector("test").Protect("a webhook secret");

        string kek = Path.Combine(_directory.Path, KeyEncryptionKey.GeneratedFileName);
        File.GetUnixFileMode(kek).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Convert.FromBase64String(File.ReadAllText(kek).Trim()).Should().HaveCount(KeyEncryptionKey.Length);
        string keyFile = Directory.GetFiles(Path.Combine(_directory.Path, "keys"), "*.xml").Single();
        File.ReadAllText(keyFile).Should().Contain("encryptedSecret").And.NotContain("<masterKey");
        app.Services.GetDataProtector("test").Unprotect(secret).Should().Be("a webhook secret");
    }

    [Fact]
    public void KeyFilesWrittenInTheClearAreEncryptedInPlaceAndStillDecryptWhatTheyProtected()
    {
        string keys = Path.Combine(_directory.Path, "keys");
        string secret = ClearKeyRing(keys).GetDataProtector("test").Protect("an smtp password");
        File.ReadAllText(Directory.GetFiles(keys).Single()).Should().Contain("<masterKey");
        KeyEncryptionKey kek = Kek(RandomNumberGenerator.GetBytes(32));

        PlaintextKeyFiles.EncryptInPlace(keys, new AesGcmXmlEncryptor(kek)).Should().Be(1);
        PlaintextKeyFiles.EncryptInPlace(keys, new AesGcmXmlEncryptor(kek)).Should().Be(0, "an encrypted file is left alone");

        File.ReadAllText(Directory.GetFiles(keys).Single()).Should().NotContain("<masterKey");
        EncryptedKeyRing(keys, kek).GetDataProtector("test").Unprotect(secret).Should().Be("an smtp password");
    }

    [Fact]
    public void AnotherKeyEncryptionKeyCannotOpenTheKeyRing()
    {
        string keys = Path.Combine(_directory.Path, "keys");
        string secret = EncryptedKeyRing(keys, Kek(RandomNumberGenerator.GetBytes(32))).GetDataProtector("test").Protect("a signing key");

        FluentActions.Invoking(() => EncryptedKeyRing(keys, Kek(RandomNumberGenerator.GetBytes(32))).GetDataProtector("test").Unprotect(secret))
            .Should().Throw<CryptographicException>();
    }

    [Fact]
    public void AClusterWithoutAKeyEncryptionKeyRefusesToStartNamingTheSetting()
    {
        FluentActions.Invoking(() => WebApplication.CreateBuilder().AddClusterKeyRing())
            .Should().Throw<InvalidOperationException>().WithMessage("*Carmen:DataProtection:KeyEncryptionKeyFile*");
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void AKeyEncryptionKeyOfTheWrongFormIsRefused(string configured)
    {
        FluentActions.Invoking(() => KeyEncryptionKey.FromOptions(new KeyEncryptionOptions { KeyEncryptionKey = configured }))
            .Should().Throw<InvalidOperationException>().WithMessage("*32 bytes in base64*");
    }

    private static KeyEncryptionKey Kek(byte[] key) => KeyEncryptionKey.FromOptions(new KeyEncryptionOptions { KeyEncryptionKey = Convert.ToBase64String(key) })!;

    private static ServiceProvider ClearKeyRing(string directory)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(directory)).SetApplicationName("carmen");
        return services.BuildServiceProvider();
    }

    private static ServiceProvider EncryptedKeyRing(string directory, KeyEncryptionKey kek)
    {
        var services = new ServiceCollection();
        services.AddSingleton(kek);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(directory)).SetApplicationName("carmen");
        services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new AesGcmXmlEncryptor(kek));
        return services.BuildServiceProvider();
    }
}
