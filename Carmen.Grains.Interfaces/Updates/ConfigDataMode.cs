namespace Carmen.Grains.Interfaces.Updates;

/// <summary>How a device's configData (its attributes, in DDI) combines with what is stored.</summary>
[GenerateSerializer, Alias("Carmen.ConfigDataMode")]
public enum ConfigDataMode
{
    /// <summary>Given keys are added or replaced, others kept.</summary>
    Merge = 0,

    /// <summary>The given keys become the whole set.</summary>
    Replace = 1,

    /// <summary>The given keys are removed.</summary>
    Remove = 2,
}
