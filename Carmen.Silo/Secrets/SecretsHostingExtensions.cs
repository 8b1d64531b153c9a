using Carmen.Grains.Interfaces;
using Carmen.Silo.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Orleans.Storage;

namespace Carmen.Silo.Secrets;

/// <summary>
/// The data-protection key ring that encrypts secret-holding grain state, itself encrypted with the key encryption
/// key: a single node keeps it in its data directory, a cluster in its database.
/// </summary>
internal static class SecretsHostingExtensions
{
    /// <summary>Fixed, so a node moved to another install path (the default discriminator) still reads its secrets.</summary>
    private const string ApplicationName = "carmen";

    /// <summary>The key ring in {data}/keys; without a configured key encryption key the node makes one in its data directory.</summary>
    public static void AddEmbeddedKeyRing(this WebApplicationBuilder builder, string dataDirectory)
    {
        KeyEncryptionKey kek = KeyEncryptionKey.FromOptions(Options(builder)) ?? KeyEncryptionKey.InDataDirectory(dataDirectory);
        string keys = Path.Combine(dataDirectory, "keys");
        OwnerOnlyFiles.SecureDirectory(keys);
        builder.AddKeyRing(kek, new KeyRingLocation(keys)).PersistKeysToFileSystem(new DirectoryInfo(keys));
    }

    /// <summary>The key ring in the database; the key encryption key must come from configuration, the same on every silo.</summary>
    public static void AddClusterKeyRing(this WebApplicationBuilder builder)
    {
        KeyEncryptionKey kek = KeyEncryptionKey.FromOptions(Options(builder)) ?? throw new InvalidOperationException(
            $"Carmen:Storage=Postgres keeps the data-protection key ring in the database, so the key that encrypts it must come from elsewhere: " +
            $"set {KeyEncryptionOptions.SectionName}:KeyEncryptionKeyFile (a mounted secret) or :KeyEncryptionKey to 32 random bytes in base64 " +
            "(openssl rand -base64 32), the same on every silo.");
        builder.AddKeyRing(kek, new KeyRingLocation(null));
        builder.Services.AddSingleton<PostgresKeyRepository>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<PostgresKeyRepository>((options, repository) => options.XmlRepository = repository);
    }

    /// <summary>The serializer for grain storage <paramref name="name"/>: encrypting for <see cref="StorageNames.Secrets"/>, as given otherwise.</summary>
    public static IGrainStorageSerializer ForStorage(string name, IGrainStorageSerializer serializer, IServiceProvider services) =>
        name == StorageNames.Secrets
            ? new ProtectedGrainStorageSerializer(serializer, services.GetDataProtector(ProtectedGrainStorageSerializer.Purpose))
            : serializer;

    private static IDataProtectionBuilder AddKeyRing(this WebApplicationBuilder builder, KeyEncryptionKey kek, KeyRingLocation location)
    {
        builder.Services.AddSingleton(kek);
        builder.Services.AddSingleton(location);

        // Registered before the key ring's own start-up service, which loads (and, if it finds none, makes) a key.
        builder.Services.AddHostedService<KeyRingBootstrapper>();
        IDataProtectionBuilder protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new AesGcmXmlEncryptor(kek));
        return protection;
    }

    private static KeyEncryptionOptions Options(WebApplicationBuilder builder) =>
        builder.Configuration.GetSection(KeyEncryptionOptions.SectionName).Get<KeyEncryptionOptions>() ?? new();
}
