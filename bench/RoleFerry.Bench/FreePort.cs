using System.Net;
using System.Net.Sockets;

namespace RoleFerry.Bench;

/// <summary>Local TCP ports no one listens on right now (HTTP, silo-to-silo and gateway ports of the silos the harness starts).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
