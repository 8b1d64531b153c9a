namespace Carmen.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class ShiftedClockCollection : ICollectionFixture<ShiftedClockClusterFixture>
{
    public const string Name = "shifted-clock cluster";
}
