using Microsoft.Extensions.Hosting;

namespace RoleFerry.Dashboard.Tests.Support;

public sealed class DevelopmentSilo() : SiloFixture(Environments.Development);
