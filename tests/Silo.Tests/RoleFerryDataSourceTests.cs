using Npgsql;
using RoleFerry.Silo.Database;

namespace RoleFerry.Silo.Tests;

public sealed class RoleFerryDataSourceTests
{
    [Fact]
    public async Task Repeated_statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        await using var byDefault = RoleFerryDataSource.Create("Host=db.example;Username=roleferry");
        await using var spelledOut = RoleFerryDataSource.Create("Host=db.example;Username=roleferry;Max Auto Prepare=0");
        await using var compact = RoleFerryDataSource.Create("Host=db.example;Username=roleferry;MaxAutoPrepare=5");

        var settings = new NpgsqlConnectionStringBuilder(byDefault.ConnectionString);
        Assert.Equal(RoleFerryDataSource.DefaultMaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(spelledOut.ConnectionString).MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(compact.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public async Task Pooled_connections_skip_the_reset_unless_the_connection_string_asks_for_it()
    {
        await using var byDefault = RoleFerryDataSource.Create("Host=db.example;Username=roleferry");
        await using var spelledOut = RoleFerryDataSource.Create("Host=db.example;Username=roleferry;No Reset On Close=false");

        Assert.True(new NpgsqlConnectionStringBuilder(byDefault.ConnectionString).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(spelledOut.ConnectionString).NoResetOnClose);
    }

    [Fact]
    public async Task The_pool_keeps_up_to_32_connections_unless_the_connection_string_says_otherwise()
    {
        await using var byDefault = RoleFerryDataSource.Create("Host=db.example;Username=roleferry");
        await using var spelledOut = RoleFerryDataSource.Create("Host=db.example;Username=roleferry;Maximum Pool Size=100;Minimum Pool Size=0");
        await using var compact = RoleFerryDataSource.Create("Host=db.example;Username=roleferry;MaxPoolSize=8");

        Assert.Equal((32, 32), Pool(byDefault));
        Assert.Equal((100, 0), Pool(spelledOut));
        Assert.Equal((8, 8), Pool(compact));
    }

    private static (int Max, int Min) Pool(NpgsqlDataSource source)
    {
        var settings = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        return (settings.MaxPoolSize, settings.MinPoolSize);
    }
}
