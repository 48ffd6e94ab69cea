using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RoleFerry.Silo.Database;

/// <summary>Ready = the database answers and every migration is applied.</summary>
internal sealed class DatabaseReadyHealthCheck(MigrationRunner runner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await runner.IsUpToDateAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Database reachable, migrations applied.")
                : HealthCheckResult.Unhealthy("Migrations are not applied yet.");
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", error);
        }
    }
}
