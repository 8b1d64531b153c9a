using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Carmen.Silo.Tests;

public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase _database = null!;
    private SqliteGrainStorage _storage = null!;

    public Task InitializeAsync()
    {
        _database = Open();
        _storage = new SqliteGrainStorage(_database, new TextSerializer());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task WrittenStateIsReadBackWithItsVersion()
    {
        GrainId grain = GrainId.Create("device", "t/d1");
        var state = new GrainState<string>("hello");

        await _storage.WriteStateAsync("device", grain, state);
        var read = new GrainState<string>();
        await _storage.ReadStateAsync("device", grain, read);

        read.State.Should().Be("hello");
        read.RecordExists.Should().BeTrue();
        read.ETag.Should().Be(state.ETag).And.NotBeNull();
    }

    [Fact]
    public async Task WriteWithAStaleVersionIsRefused()
    {
        GrainId grain = GrainId.Create("device", "t/d2");
        var first = new GrainState<string>("one");
        await _storage.WriteStateAsync("device", grain, first);
        var stale = new GrainState<string>("stale") { ETag = first.ETag };
        await _storage.WriteStateAsync("device", grain, first);

        Func<Task> write = () => _storage.WriteStateAsync("device", grain, stale);

        await write.Should().ThrowAsync<InconsistentStateException>();
        var read = new GrainState<string>();
        await _storage.ReadStateAsync("device", grain, read);
        read.State.Should().Be("one");
    }

    [Fact]
    public async Task SecondInsertOfANewRecordIsRefused()
    {
        GrainId grain = GrainId.Create("device", "t/d3");
        await _storage.WriteStateAsync("device", grain, new GrainState<string>("first"));

        Func<Task> insert = () => _storage.WriteStateAsync("device", grain, new GrainState<string>("second"));

        await insert.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task ClearedStateNoLongerExists()
    {
        GrainId grain = GrainId.Create("device", "t/d4");
        var state = new GrainState<string>("bye");
        await _storage.WriteStateAsync("device", grain, state);

        await _storage.ClearStateAsync("device", grain, state);
        var read = new GrainState<string>();
        await _storage.ReadStateAsync("device", grain, read);

        read.RecordExists.Should().BeFalse();
        read.ETag.Should().BeNull();
    }

    [Fact]
    public async Task ConcurrentWritesAreGroupCommittedAndAllDurable()
    {
        GrainId[] grains = [.. Enumerable.Range(0, 2000).Select(i => GrainId.Create("device", $"t/many-{i}"))];

        await Task.WhenAll(grains.Select(grain => _storage.WriteStateAsync("device", grain, new GrainState<string>(grain.ToString()))));
        await _database.DisposeAsync();
        _database = Open();
        var reopened = new SqliteGrainStorage(_database, new TextSerializer());

        foreach (GrainId grain in grains)
        {
            var read = new GrainState<string>();
            await reopened.ReadStateAsync("device", grain, read);
            read.State.Should().Be(grain.ToString());
        }
    }

    private SqliteDatabase Open() => new(_directory.Path, Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);

    /// <summary>Strings as UTF-8: these tests are about the storage provider, not about serialization.</summary>
    private sealed class TextSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromString((string)(object)input!);

        public T Deserialize<T>(BinaryData input) => (T)(object)input.ToString();
    }
}
