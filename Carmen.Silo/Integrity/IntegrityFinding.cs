namespace Carmen.Silo.Integrity;

/// <summary>What one check found: a line to show, and whether it is a problem, and if so whether it was repaired.</summary>
public sealed record IntegrityFinding(string Check, string Text, bool Problem = false, bool Repaired = false)
{
    /// <summary>A problem the check could not repair (or was told not to).</summary>
    public bool Standing => Problem && !Repaired;
}
