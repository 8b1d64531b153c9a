using System.Text.Json;
using Carmen.Grains.Interfaces.Posture;

namespace Carmen.Grains.Posture;

/// <summary>How findings are named in alerts and filters ("sharedCredentials").</summary>
public static class PostureText
{
    public static string Name(PostureFindingKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
