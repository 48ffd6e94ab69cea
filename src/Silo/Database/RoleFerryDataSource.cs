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
/// tables; the migration lock is released explicitly). At most 32 connections (<c>Max Pool Size=32</c>; Npgsql's
/// default is 100, PostgreSQL's default limit is 100 for all silos together), and the pool keeps every connection
/// it opened (<c>Minimum Pool Size</c> = the maximum, at most 32 when the connection string raises the maximum). Npgsql prunes a pool every 5 minutes by the median number
/// of idle connections, not by how long each was idle: a busy pool in rotation lost most of its connections at
/// once and reopened them, and the new backends' cache warm-up and statement preparation stalled a 2-core machine
/// for 3 s (BENCHMARKS.md, "Issue 13, third steps").
/// </summary>
public static class RoleFerryDataSource
{
    public const int DefaultMaxAutoPrepare = 64;

    public const int DefaultMaxPoolSize = 32;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows, so ask the text itself.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Unset(params string[] keywords) => !keywords.Any(given.ContainsKey);
        if (Unset("Max Auto Prepare", "MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
            settings.AutoPrepareMinUsages = 2;
        }

        if (Unset("Max Pool Size", "MaxPoolSize", "Maximum Pool Size"))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (Unset("Min Pool Size", "MinPoolSize", "Minimum Pool Size"))
        {
            settings.MinPoolSize = Math.Min(settings.MaxPoolSize, DefaultMaxPoolSize);
        }

        if (Unset("No Reset On Close", "NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return NpgsqlDataSource.Create(settings.ConnectionString);
    }
}
