using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>One queued write: runs inside the writer's transaction, completes its caller after the commit.</summary>
internal abstract class SqliteWrite
{
    public abstract bool IsCanceled { get; }

    public abstract void Execute(SqliteTransaction transaction);

    public abstract void Succeed();

    public abstract void Fail(Exception failure);
}
