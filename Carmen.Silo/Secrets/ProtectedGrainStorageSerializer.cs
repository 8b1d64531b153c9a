using Microsoft.AspNetCore.DataProtection;
using Orleans.Storage;

namespace Carmen.Silo.Secrets;

/// <summary>
/// Grain state that holds secrets (token signing keys, webhook secrets, SMTP passwords, device tokens of an import) is
/// encrypted with the data-protection keys before it reaches the store. State written before encryption existed
/// (no marker) is still read, and encrypted by the grain's next write.
/// </summary>
public sealed class ProtectedGrainStorageSerializer(IGrainStorageSerializer inner, IDataProtector protector) : IGrainStorageSerializer
{
    /// <summary>The purpose every silo protects grain state with; a change would make stored state unreadable.</summary>
    public const string Purpose = "Carmen.GrainState.v1";

    // "CPS1": Carmen protected state, format 1.
    private static readonly byte[] s_marker = [0x43, 0x50, 0x53, 0x31];

    public BinaryData Serialize<T>(T? input)
    {
        byte[] sealedState = protector.Protect(inner.Serialize(input).ToArray());
        byte[] payload = new byte[s_marker.Length + sealedState.Length];
        s_marker.CopyTo(payload, 0);
        sealedState.CopyTo(payload, s_marker.Length);
        return BinaryData.FromBytes(payload);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        ReadOnlySpan<byte> payload = input.ToMemory().Span;
        return IsProtected(payload)
            ? inner.Deserialize<T>(BinaryData.FromBytes(protector.Unprotect(payload[s_marker.Length..].ToArray())))
            : inner.Deserialize<T>(input);
    }

    /// <summary>Whether a stored payload was written by this serializer.</summary>
    public static bool IsProtected(ReadOnlySpan<byte> payload) => payload.StartsWith(s_marker);
}
