using Microsoft.Extensions.Logging;

namespace RoleFerry.Api.Tests.Support;

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);
