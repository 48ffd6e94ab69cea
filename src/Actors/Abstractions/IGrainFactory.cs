namespace RoleFerry.Actors;

/// <summary>Returns proxies for grains. A proxy is cheap; the activation is created on the first call.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey;
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;
    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;
}
