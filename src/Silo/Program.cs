using RoleFerry.Silo;
using RoleFerry.Silo.Commands;

if (AdminCommand.IsInvoked(args))
{
    return await AdminCommand.RunAsync(args, Console.Out, Console.Error);
}

if (ClusterCertificateCommand.IsInvoked(args))
{
    return await ClusterCertificateCommand.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRoleFerrySilo();

var app = builder.Build();
app.MapRoleFerrySilo();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
