namespace RoleFerry.Testing;

/// <summary>An observer of Orleans' diagnostic event streams that hands each event to <paramref name="onNext"/>.</summary>
internal sealed class ActionObserver<T>(Action<T> onNext) : IObserver<T>
{
    public void OnNext(T value) => onNext(value);

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }
}
