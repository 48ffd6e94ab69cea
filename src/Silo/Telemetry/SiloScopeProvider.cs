namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// The scopes a console line shows: the silo's name first, then the logger factory's (request ids, trace ids, the
/// scopes code began).
/// </summary>
internal sealed class SiloScopeProvider(SiloLogScope silo, IExternalScopeProvider scopes) : IExternalScopeProvider
{
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        callback(silo, state);
        scopes.ForEachScope(callback, state);
    }

    public IDisposable Push(object? state) => scopes.Push(state);
}
