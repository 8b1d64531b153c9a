using System.Text.Json.Serialization;

namespace Carmen.Silo.Storage.Sql;

[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class SqlJsonContext : JsonSerializerContext;
