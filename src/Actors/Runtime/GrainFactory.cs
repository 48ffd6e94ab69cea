using System.Globalization;
using System.Reflection;

namespace RoleFerry.Actors.Runtime;

/// <summary>Creates grain references (proxies) bound to this silo's runtime.</summary>
internal sealed class GrainFactory(ActorRuntime runtime) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey =>
        Create<TGrain>(key.ToString(CultureInfo.InvariantCulture));

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Create<TGrain>(key);
    }

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => Create<TGrain>(key.ToString("N"));

    private TGrain Create<TGrain>(string key)
    {
        var grainClass = runtime.Registry.GetByInterface(typeof(TGrain));
        var proxy = DispatchProxy.Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)proxy!).Bind(runtime, new GrainId(grainClass.TypeName, key));
        return proxy;
    }
}
