using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Tests;

public sealed class DeviceDraftValidatorTests
{
    [Fact]
    public void MissingIdIsGeneratedAndMissingNameBecomesTheId()
    {
        DeviceDraft generated = DeviceDraftValidator.Normalize(new DeviceDraft(null, "", "c1"));
        DeviceDraft named = DeviceDraftValidator.Normalize(new DeviceDraft("sn-0042", " ", "c1"));

        Identifiers.IsValidDeviceId(generated.Id).Should().BeTrue();
        generated.Name.Should().Be(generated.Id);
        named.Name.Should().Be("sn-0042");
    }

    [Fact]
    public void LabelsAreTrimmedDeduplicatedAndSorted()
    {
        DeviceDraft draft = DeviceDraftValidator.Normalize(new DeviceDraft("d", "n", "c1", Labels: [" b", "a", "b "]));

        draft.Labels.Should().Equal("a", "b");
    }

    [Theory]
    [InlineData("AA:BB:CC:DD:EE:FF", true)]
    [InlineData("sensor_01.v2", true)]
    [InlineData("with/slash", false)]
    [InlineData("-leading-dash", false)]
    [InlineData("", false)]
    public void DeviceIdsAllowSerialsAndMacsButNeverSlashes(string id, bool valid)
    {
        Identifiers.IsValidDeviceId(id).Should().Be(valid);
    }
}
