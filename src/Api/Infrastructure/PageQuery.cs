using System.Data.Common;
using Npgsql;

namespace RoleFerry.Api.Infrastructure;

/// <summary>Runs a count and a page of rows in one round trip (one batch).</summary>
public static class PageQuery
{
    /// <param name="count">returns one row with the total as bigint.</param>
    /// <param name="items">the page itself (its LIMIT / OFFSET come from <see cref="PageRequest"/>).</param>
    public static async Task<PagedResponse<T>> ReadAsync<T>(
        NpgsqlDataSource dataSource,
        PageRequest page,
        NpgsqlBatchCommand count,
        NpgsqlBatchCommand items,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(items);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return page.Answer(rows, total);
    }
}
