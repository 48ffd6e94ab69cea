using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Dashboard;
using RoleFerry.Silo.Reminders;
using Orleans.Configuration;
using Orleans.Reminders;
using RoleFerry.Grains.Interfaces.Maintenance;

namespace RoleFerry.Silo.Hosting;

public static class OrleansSiloExtensions
{
    /// <summary>Npgsql's ADO.NET invariant name, as Orleans' ADO.NET providers know it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// RoleFerry's Orleans silo on PostgreSQL: ADO.NET clustering (the membership table), reminders and the default
    /// grain storage, all in the RoleFerry database (their tables come from db/migrations); its ports on the
    /// advertised address only, over TLS when a cluster certificate is configured (<see cref="ClusterTls"/>); the
    /// dashboard; the platform's daily maintenance schedule registered at start.
    /// </summary>
    public static ISiloBuilder AddRoleFerryOrleans(this ISiloBuilder silo, ClusterSettings cluster, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = cluster.ResolveSiloName());
        // The ports listen on the advertised address only (loopback under ./run.sh), never on every interface.
        silo.ConfigureEndpoints(
            cluster.ResolveAdvertisedAddress(),
            cluster.SiloPort,
            cluster.GatewayPort,
            listenOnAnyHostAddress: false);
        if (cluster.Tls.Enabled)
        {
            silo.UseClusterTls(cluster.Tls.LoadCertificate());
        }

        silo.Configure<ClusterMembershipOptions>(o => cluster.ApplyFailover(o));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddRoleFerryPersistence(connectionString);
        silo.AddDashboard();
        silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<IMaintenanceGrain>(IMaintenanceGrain.PlatformKey).EnsureScheduledAsync());
        return silo;
    }

    /// <summary>
    /// Reminders and the default grain storage through Orleans' ADO.NET providers on the RoleFerry database, the
    /// reminders' upserts coalesced (<see cref="BatchedReminderTable"/>). RoleFerry's own grain storages (mailboxes,
    /// sequences, users: their rows are the state) are registered with the grains (<c>AddRoleFerryGrains</c>).
    /// </summary>
    public static ISiloBuilder AddRoleFerryPersistence(this ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.ConfigureServices(services => services.BatchReminderUpserts());
        // No product grain keeps its state here today: every grain with state has a table of ours. The default stays
        // configured (on the same database, orleansstorage of migration 0005) so that a grain whose state has no table
        // of its own (a [PersistentState] without a storage name) persists durably instead of failing to activate;
        // DefaultStorageTests holds it working.
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>Puts <see cref="BatchedReminderTable"/> in front of the reminder table the ADO.NET provider registered.</summary>
    private static void BatchReminderUpserts(this IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IReminderTable));
        var tableType = registered.ImplementationType
            ?? throw new InvalidOperationException("Orleans' ADO.NET reminder table is no longer registered by type; see BatchedReminderTable.");
        services.Remove(registered);
        services.AddSingleton(tableType);
        services.AddSingleton<IReminderTable>(sp => new BatchedReminderTable(
            (IReminderTable)sp.GetRequiredService(tableType), sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>(), sp.GetRequiredKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders),
            sp.GetRequiredService<IOptions<ReminderOptions>>()));
    }
}
