using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>The database goes away (a network cut between the silo and PostgreSQL) at the worst moment of a send.</summary>
public sealed class DatabaseOutageTests : OutreachTest
{
    private TcpProxy? _database;

    protected override string SiloConnectionString
    {
        get
        {
            var direct = new NpgsqlConnectionStringBuilder(ConnectionString);
            _database ??= new TcpProxy(direct.Host!, direct.Port);
            return new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = _database.Port }.ConnectionString;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_send_the_database_could_not_record_is_recorded_when_it_is_back_not_failed_as_unknown()
    {
        GatedTransport? gated = null;
        await Silo.StopAsync();
        Silo = await StartSiloAsync(services: s => s.AddSingleton<IMailTransport>(sp =>
            gated = new GatedTransport(ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp))));
        await AddMailboxAsync();
        var (contact, email) = await AddContactAsync();
        var view = await EnrollAsync(contact, await AnyTimeTemplateAsync((0, "One", "1"), (1, "Two", "2")));

        // Step 1 leaves; PostgreSQL becomes unreachable before the grain writes "sent".
        await gated!.Sent.WaitAsync(TimeSpan.FromSeconds(10));
        _database!.Cut();
        gated.Release();
        Assert.Single(await SmtpSink.WaitForAsync(email, 1));
        await Clock.SettleAsync();
        _database.Mend();
        await Clock.AdvanceAsync(TimeSpan.FromHours(2));

        var sequence = await Sequence(view.Id).GetAsync();
        Assert.Equal(2, (await SmtpSink.WaitForAsync(email, 2)).Count);
        Assert.Equal(["sent", "sent"], sequence.Steps.Select(s => s.Status));
        Assert.Equal(SequenceStatuses.Completed, sequence.Status);
    }
}
