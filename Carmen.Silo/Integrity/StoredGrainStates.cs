using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Silo.Backup;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace Carmen.Silo.Integrity;

/// <summary>
/// Reads grain state from a stopped node's carmen.db with the serializer the node writes it with, so a check sees
/// what the grains would. State encrypted at rest (the secrets storage) is not read here.
/// </summary>
public sealed class StoredGrainStates : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(DeviceState).Assembly).AddAssembly(typeof(ArtifactInfo).Assembly))
        .BuildServiceProvider();

    private readonly OrleansGrainStorageSerializer _serializer;
    private readonly string _database;

    public StoredGrainStates(string database)
    {
        _database = database;
        _serializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>());
    }

    /// <summary>Every stored state of one kind: the grain's key (its id without the grain type) and the state.</summary>
    public IEnumerable<(string Key, T State)> Read<T>(string stateName)
    {
        using SqliteConnection connection = StateSummary.OpenReadOnly(_database);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, payload FROM grain_state WHERE state_name = @state ORDER BY grain_id";
        command.Parameters.AddWithValue("@state", stateName);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            string grainId = reader.GetString(0);
            T? state = _serializer.Deserialize<T>(BinaryData.FromBytes((byte[])reader.GetValue(1)));
            if (state is not null)
            {
                yield return (grainId[(grainId.IndexOf('/', StringComparison.Ordinal) + 1)..], state);
            }
        }
    }

    public void Dispose() => _services.Dispose();
}
