using System.Collections.Concurrent;

namespace RoleFerry.Bench.Grains;

/// <summary>Every tick <see cref="ReminderProbeGrain"/> received since the last <see cref="Clear"/>.</summary>
public static class ReminderArrivals
{
    private static readonly ConcurrentQueue<ReminderArrival> Arrivals = new();

    public static int Count => Arrivals.Count;

    public static void Record(ReminderArrival arrival) => Arrivals.Enqueue(arrival);

    public static ReminderArrival[] Snapshot() => Arrivals.ToArray();

    public static void Clear() => Arrivals.Clear();
}
