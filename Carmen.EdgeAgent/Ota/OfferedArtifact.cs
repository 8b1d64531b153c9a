namespace Carmen.EdgeAgent.Ota;

/// <summary>One file of an offered update: what it must be (size, SHA-256) and where Carmen serves it (a path under its HTTP address).</summary>
public sealed record OfferedArtifact(string Part, string ModuleVersion, string FileName, long Size, string Sha256, string Download);
