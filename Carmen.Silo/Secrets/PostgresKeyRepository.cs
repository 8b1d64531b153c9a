using System.Xml.Linq;
using Carmen.Silo.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Carmen.Silo.Secrets;

/// <summary>
/// The cluster's data-protection key ring in PostgreSQL, so state one silo encrypted another silo reads. The key ring
/// calls this rarely (at start, on its daily refresh, when it makes a key) and synchronously, as its interface is.
/// </summary>
public sealed class PostgresKeyRepository(NpgsqlDataSource database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using NpgsqlCommand command = database.Command("SELECT xml FROM carmen_data_protection_keys ORDER BY created_at");
        using NpgsqlDataReader reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using NpgsqlCommand command = database.Command(
            "INSERT INTO carmen_data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING",
            ("@name", friendlyName), ("@xml", element.ToString(SaveOptions.DisableFormatting)));
        command.ExecuteNonQuery();
    }
}
