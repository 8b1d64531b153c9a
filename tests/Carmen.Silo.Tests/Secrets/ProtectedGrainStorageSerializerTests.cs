using System.Security.Cryptography;
using System.Text;
using Carmen.Silo.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Orleans.Storage;

namespace Carmen.Silo.Tests.Secrets;

public sealed class ProtectedGrainStorageSerializerTests
{
    private readonly IDataProtector _protector = new EphemeralDataProtectionProvider().CreateProtector(ProtectedGrainStorageSerializer.Purpose);

    [Fact]
    public void StateIsStoredEncryptedAndReadBack()
    {
        var serializer = new ProtectedGrainStorageSerializer(new Utf8Strings(), _protector);

        BinaryData stored = serializer.Serialize("webhook-secret-1234");

        Encoding.UTF8.GetString(stored.ToArray()).Should().NotContain("webhook-secret-1234");
        ProtectedGrainStorageSerializer.IsProtected(stored.ToMemory().Span).Should().BeTrue();
        serializer.Deserialize<string>(stored).Should().Be("webhook-secret-1234");
    }

    [Fact]
    public void StateWrittenInTheClearBeforeEncryptionIsStillRead()
    {
        var serializer = new ProtectedGrainStorageSerializer(new Utf8Strings(), _protector);

        serializer.Deserialize<string>(new Utf8Strings().Serialize("stored-by-an-older-carmen")).Should().Be("stored-by-an-older-carmen");
    }

    [Fact]
    public void AlteredStateFailsInsteadOfBeingRead()
    {
        var serializer = new ProtectedGrainStorageSerializer(new Utf8Strings(), _protector);
        byte[] stored = serializer.Serialize("signing-key").ToArray();
        stored[^1] ^= 0x01;

        FluentActions.Invoking(() => serializer.Deserialize<string>(BinaryData.FromBytes(stored))).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void AnotherKeyRingCannotReadTheState()
    {
        BinaryData stored = new ProtectedGrainStorageSerializer(new Utf8Strings(), _protector).Serialize("smtp-password");
        IDataProtector other = new EphemeralDataProtectionProvider().CreateProtector(ProtectedGrainStorageSerializer.Purpose);

        FluentActions.Invoking(() => new ProtectedGrainStorageSerializer(new Utf8Strings(), other).Deserialize<string>(stored))
            .Should().Throw<CryptographicException>();
    }

    /// <summary>Strings as UTF-8: enough of a serializer to see what the protecting one adds around it.</summary>
    private sealed class Utf8Strings : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromString((string)(object)input!);

        public T? Deserialize<T>(BinaryData input) => (T)(object)input.ToString();
    }
}
