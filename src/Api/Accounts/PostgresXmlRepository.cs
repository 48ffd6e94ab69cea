using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// The Data Protection key ring in PostgreSQL (<c>data_protection_keys</c>), shared by every node: a bearer token
/// protected by one node is read by any other, and survives restarts. The interface is synchronous; so are these
/// calls (the key ring is read rarely and cached by the framework).
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.Command(
            """
            SELECT xml FROM data_protection_keys ORDER BY id
            """);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements.AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = string.IsNullOrEmpty(friendlyName) ? "element-" + Guid.NewGuid().ToString("N") : friendlyName;
        using var command = dataSource.Command(
            """
            INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)
            ON CONFLICT (friendly_name) DO UPDATE SET xml = EXCLUDED.xml
            """,
            name,
            element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
