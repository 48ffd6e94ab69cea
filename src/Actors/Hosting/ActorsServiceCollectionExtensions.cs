using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Actors.Reminders;
using RoleFerry.Actors.Runtime;
using RoleFerry.Actors.Storage;

namespace RoleFerry.Actors.Hosting;

public static class ActorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime, running as a hosted service, with the grain classes of
    /// <paramref name="grainAssemblies"/>. The host registers the <see cref="NpgsqlDataSource"/>; a
    /// <see cref="TimeProvider"/> registered before this call replaces the system clock. Grain states without
    /// an <see cref="IGrainStorage{TState}"/> of their own are stored as JSON in <c>grain_state</c>.
    /// </summary>
    public static IServiceCollection AddActors(this IServiceCollection services, params Assembly[] grainAssemblies)
    {
        var assemblies = services.Select(d => d.ImplementationInstance).OfType<GrainAssemblies>().FirstOrDefault();
        if (assemblies is null)
        {
            assemblies = new GrainAssemblies();
            services.AddSingleton(assemblies);
            services.AddOptions<ActorRuntimeOptions>().Validate(o =>
            {
                o.Validate();
                return true;
            });
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(typeof(IGrainStorage<>), typeof(JsonGrainStorage<>));
            services.AddSingleton(sp => new GrainTypeRegistry(sp.GetRequiredService<GrainAssemblies>().Assemblies));
            services.AddSingleton(sp => new ReminderTable(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton(sp => new ActorRuntime(
                sp,
                sp.GetRequiredService<IOptions<ActorRuntimeOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<GrainTypeRegistry>(),
                sp.GetRequiredService<ReminderTable>(),
                sp.GetRequiredService<ILogger<ActorRuntime>>()));
            services.AddSingleton(sp => sp.GetRequiredService<ActorRuntime>().GrainFactory);
            services.AddHostedService(sp => new ActorSilo(sp.GetRequiredService<ActorRuntime>()));
        }

        assemblies.Assemblies.AddRange(grainAssemblies);
        return services;
    }
}
