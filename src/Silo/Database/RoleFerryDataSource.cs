using System.Data.Common;
using Npgsql;

namespace RoleFerry.Silo.Database;

/// <summary>
/// The silo's PostgreSQL data source. Unless the connection string says otherwise, Npgsql prepares the statements a
/// connection runs repeatedly (<c>Max Auto Prepare=64</c>, after 2 uses): the grains send the same few statements
/// all day, and planning them each time cost more than running them (the step claim: 2.4 ms to plan, 0.7 ms to run;
/// BENCHMARKS.md, section 2). A connection goes back to the pool without Npgsql's reset (<c>No Reset On Close</c>):
/// with prepared statements the reset is seven statements (CLOSE ALL, RESET ALL, ...) sent with the next command,
/// more than a step's own work, and nothing in RoleFerry leaves session state behind (no SET, LISTEN, temporary
/// tables; the migration lock is released explicitly).
/// </summary>
public static class RoleFerryDataSource
{
    public const int DefaultMaxAutoPrepare = 64;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows, so ask the text itself.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
            settings.AutoPrepareMinUsages = 2;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return NpgsqlDataSource.Create(settings.ConnectionString);
    }
}
