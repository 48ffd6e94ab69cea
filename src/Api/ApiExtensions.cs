using Microsoft.AspNetCore.Routing;
using RoleFerry.Api.Operations;

namespace RoleFerry.Api;

public static class ApiExtensions
{
    /// <summary>Maps every route of the public HTTP API (../shared/API.md).</summary>
    public static IEndpointRouteBuilder MapRoleFerryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOperationsEndpoints();
        return endpoints;
    }
}
