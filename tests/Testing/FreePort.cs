using System.Net;
using System.Net.Sockets;

namespace RoleFerry.Testing;

/// <summary>Local TCP ports no one listens on right now (for silos started in a test process).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
