using System.Data.Common;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Updates;
using Orleans.Serialization;
using Orleans.Storage;

namespace Carmen.Silo.Integrity;

/// <summary>
/// Reads grain state straight from a stopped node's store (carmen.db's grain_state, or a cluster's orleans_storage)
/// with the serializer the silos write it with, so a check or a drill sees what the grains would. State encrypted at
/// rest (the secrets storage) is not read here.
/// </summary>
public sealed class StoredGrainStates : IDisposable
{
    private const string EmbeddedSql = "SELECT grain_id, payload FROM grain_state WHERE state_name = @state ORDER BY grain_id";

    // The ADO.NET provider keeps a string-keyed grain's key in grain_id_extension_string and the state's name in grain_type_string.
    private const string PostgresSql = "SELECT grain_id_extension_string, payload_binary FROM orleans_storage WHERE grain_type_string = @state ORDER BY 1";

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(DeviceState).Assembly).AddAssembly(typeof(ArtifactInfo).Assembly))
        .BuildServiceProvider();

    private readonly OrleansGrainStorageSerializer _serializer;
    private readonly Func<DbConnection> _open;
    private readonly bool _embedded;

    private StoredGrainStates(Func<DbConnection> open, bool embedded)
    {
        _open = open;
        _embedded = embedded;
        _serializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>());
    }

    /// <summary>The grain state in an embedded store's carmen.db.</summary>
    public static StoredGrainStates Embedded(string database) => new(() => Backup.StateSummary.OpenReadOnly(database), embedded: true);

    /// <summary>The grain state in a cluster's database.</summary>
    public static StoredGrainStates Postgres(string connectionString) => new(() =>
    {
        var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }, embedded: false);

    /// <summary>Every stored state of one kind: the grain's key (its id without the grain type) and the state.</summary>
    public IEnumerable<(string Key, T State)> Read<T>(string stateName)
    {
        using DbConnection connection = _open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = _embedded ? EmbeddedSql : PostgresSql;
        DbParameter state = command.CreateParameter();
        (state.ParameterName, state.Value) = ("@state", stateName);
        command.Parameters.Add(state);
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            string grainId = reader.GetString(0);
            T? stored = _serializer.Deserialize<T>(BinaryData.FromBytes((byte[])reader.GetValue(1)));
            if (stored is not null)
            {
                yield return (_embedded ? grainId[(grainId.IndexOf('/', StringComparison.Ordinal) + 1)..] : grainId, stored);
            }
        }
    }

    public void Dispose() => _services.Dispose();
}
