using Microsoft.Extensions.Hosting;

namespace RoleFerry.Dashboard.Tests.Support;

public sealed class ProductionSilo() : SiloFixture(Environments.Production);
