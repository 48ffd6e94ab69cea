using RoleFerry.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddRoleFerrySilo();

var app = builder.Build();
app.MapRoleFerrySilo();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
