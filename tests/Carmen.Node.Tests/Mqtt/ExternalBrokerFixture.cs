using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>
/// Debian's mosquitto with users and deploy/mosquitto/carmen.acl (the ACL docs/devices-mqtt.md tells operators to use), and a
/// Carmen node consuming it in External mode. Device users are "{tenant}/{device}" with password <see cref="Password"/>.
/// </summary>
public sealed class ExternalBrokerFixture : IAsyncLifetime
{
    public const string Password = "device-password";
    public static readonly string[] Tenants = ["ext-a", "ext-b"];
    public static readonly string[] Devices = ["d1", "d2", "d3", "q1"];

    private const string CarmenUser = "carmen";
    private const string CarmenPassword = "carmen-broker-password";

    public MosquittoBroker Broker { get; private set; } = null!;

    public CarmenApiFactory Carmen { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartAsync(async directory =>
        {
            string passwords = Path.Combine(directory, "passwd");
            await MosquittoBroker.AddUserAsync(passwords, CarmenUser, CarmenPassword);
            foreach (string tenant in Tenants)
            {
                foreach (string device in Devices)
                {
                    await MosquittoBroker.AddUserAsync(passwords, $"{tenant}/{device}", Password);
                }
            }

            string acl = Path.Combine(directory, "carmen.acl");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "deploy", "carmen.acl"), acl);
            return $"allow_anonymous false\npassword_file {passwords}\nacl_file {acl}";
        });
        Carmen = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Mqtt:Mode"] = "External",
                ["Carmen:Mqtt:External:Host"] = "127.0.0.1",
                ["Carmen:Mqtt:External:Port"] = Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Carmen:Mqtt:External:Username"] = CarmenUser,
                ["Carmen:Mqtt:External:Password"] = CarmenPassword,
            },
        };
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Carmen);
        foreach (string tenant in Tenants)
        {
            await admin.CreateTenantAsync(tenant);
            foreach (string device in Devices)
            {
                await admin.CreateDeviceAsync(tenant, device);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Carmen is not null)
        {
            await Carmen.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }
}
