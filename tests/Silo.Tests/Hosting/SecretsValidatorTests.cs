using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using RoleFerry.Silo.Hosting;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests.Hosting;

/// <summary>
/// The silo's secrets are checked at start: outside Development the public development values are refused, and
/// everywhere an empty or malformed key stops start-up with a message naming the setting.
/// </summary>
public sealed class SecretsValidatorTests
{
    private static readonly string GoodKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void The_development_values_are_those_of_appsettings_Development_json()
    {
        var values = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), "src", "Silo", "appsettings.Development.json")).Build();

        foreach (var (setting, value) in SecretsValidator.DevelopmentValues)
        {
            Assert.Equal(value, values[setting]);
        }
    }

    [Fact]
    public void Outside_development_the_development_values_are_refused_and_each_setting_is_named()
    {
        var development = Configuration(SecretsValidator.DevelopmentValues.ToDictionary(v => v.Key, v => (string?)v.Value));

        SecretsValidator.Validate(development, Environment(Environments.Development));
        var error = Assert.Throws<InvalidOperationException>(() => SecretsValidator.Validate(development, Environment(Environments.Production)));

        foreach (var setting in SecretsValidator.DevelopmentValues.Keys)
        {
            Assert.Contains($"{setting} is the development value", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("RoleFerry:Security:SecretKey", "")]
    [InlineData("RoleFerry:Security:SecretKey", "not base64!")]
    [InlineData("RoleFerry:Security:SecretKey", "c2hvcnQ=")]
    [InlineData("RoleFerry:Security:PreviousSecretKeys:0", "c2hvcnQ=")]
    [InlineData("RoleFerry:Security:TokenSigningKey", "")]
    [InlineData("RoleFerry:WebhookSecret", "")]
    public void An_empty_or_malformed_secret_stops_start_up_in_every_environment_naming_the_setting(string setting, string value)
    {
        var settings = Valid();
        settings[setting] = value;

        foreach (var environment in new[] { Environments.Development, Environments.Production })
        {
            var error = Assert.Throws<InvalidOperationException>(() => SecretsValidator.Validate(Configuration(settings), Environment(environment)));
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Secrets_of_its_own_pass_everywhere_and_a_short_webhook_secret_only_in_development()
    {
        var settings = Valid();
        SecretsValidator.Validate(Configuration(settings), Environment(Environments.Production));

        settings[SecretsValidator.WebhookSecretSetting] = "short";
        SecretsValidator.Validate(Configuration(settings), Environment(Environments.Development));
        Assert.Throws<InvalidOperationException>(() => SecretsValidator.Validate(Configuration(settings), Environment(Environments.Production)));
    }

    [Fact]
    public async Task A_silo_outside_development_with_the_development_secrets_does_not_start_and_says_why()
    {
        var settings = SecretsValidator.DevelopmentValues.ToDictionary(v => v.Key, v => (string?)v.Value);
        settings["ConnectionStrings:RoleFerry"] = await TestDatabase.CreateAsync();

        var run = await SiloCommand.RunAsync(settings, "--environment", "Production", "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("RoleFerry:Security:SecretKey is the development value", run.Output + run.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["RoleFerry:Security:SecretKey"] = GoodKey,
        ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["RoleFerry:WebhookSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    private static IConfiguration Configuration(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RoleFerry.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("RoleFerry.sln not found above the test's folder.");
    }
}
