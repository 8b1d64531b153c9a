namespace Carmen.Silo.Secrets;

/// <summary>Where the key ring lives: a directory of a single node, or the cluster's database when <see cref="Directory"/> is null.</summary>
internal sealed record KeyRingLocation(string? Directory);
