using Npgsql;

namespace RoleFerry.Testing;

/// <summary>Reads the rows of Orleans' ADO.NET reminder table of one service (the test database's).</summary>
public sealed class ReminderTable(NpgsqlDataSource db, string serviceId)
{
    public async Task<IReadOnlyList<ReminderRow>> ReadAsync()
    {
        await using var command = db.CreateCommand(
            "SELECT grainid, remindername, starttime, period FROM orleansreminderstable WHERE serviceid = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        var rows = new List<ReminderRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new ReminderRow(
                reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                TimeSpan.FromMilliseconds(reader.GetInt64(3))));
        }

        return rows;
    }
}
