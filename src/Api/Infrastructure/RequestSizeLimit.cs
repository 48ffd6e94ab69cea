using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// An endpoint's own request body limit (an upload's, an import's), read by <see cref="RequestBodyLimitMiddleware"/>
/// in place of <see cref="ApiOptions.MaxRequestBodyBytes"/>.
/// </summary>
public sealed record RequestSizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    public static TBuilder Apply<TBuilder>(TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimit(bytes));
}
