using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;

namespace RoleFerry.Grains.Tests.Email;

public sealed class EmailOptionsTests
{
    [Fact]
    public void Defaults()
    {
        var options = new EmailOptions();

        Assert.Equal("RoleFerry:Email", EmailOptions.SectionName);
        Assert.Equal("http://127.0.0.1:5080", options.PublicBaseUrl);
        Assert.Equal("unsubscribe@roleferry.local", options.UnsubscribeAddress);
        Assert.Equal(TimeSpan.FromSeconds(20), options.SendTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.SmtpIdleTimeout);
        Assert.Equal(3, options.MaxSmtpAttempts);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryBaseDelay);
        options.Validate();
    }

    [Fact]
    public void The_retry_delay_doubles_per_failed_attempt()
    {
        var options = new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryDelay(1));
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMinutes(2), options.RetryDelay(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.RetryDelay(0));
    }

    [Fact]
    public void The_base_url_loses_its_trailing_slash()
    {
        Assert.Equal("https://roleferry.test/app", new EmailOptions { PublicBaseUrl = "https://roleferry.test/app/" }.BaseUrl);
    }

    [Theory]
    [InlineData(nameof(EmailOptions.PublicBaseUrl), "RoleFerry:Email:PublicBaseUrl must be an absolute http(s) URL without query (was 'ftp://roleferry.test').")]
    [InlineData(nameof(EmailOptions.UnsubscribeAddress), "RoleFerry:Email:UnsubscribeAddress must be a bare email address (was 'Unsubscribe <u@roleferry.test>').")]
    [InlineData(nameof(EmailOptions.SendTimeout), "RoleFerry:Email:SendTimeout must be positive and under 24 days (was 00:00:00).")]
    [InlineData(nameof(EmailOptions.SmtpIdleTimeout), "RoleFerry:Email:SmtpIdleTimeout must be positive and under 24 days (was -00:00:01).")]
    [InlineData(nameof(EmailOptions.MaxSmtpAttempts), "RoleFerry:Email:MaxSmtpAttempts must be at least 1 (was 0).")]
    [InlineData(nameof(EmailOptions.RetryBaseDelay), "RoleFerry:Email:RetryBaseDelay must be positive (was -00:00:01).")]
    public void Validate_names_the_setting_that_cannot_work(string setting, string message)
    {
        var options = new EmailOptions();
        switch (setting)
        {
            case nameof(EmailOptions.PublicBaseUrl): options.PublicBaseUrl = "ftp://roleferry.test"; break;
            case nameof(EmailOptions.UnsubscribeAddress): options.UnsubscribeAddress = "Unsubscribe <u@roleferry.test>"; break;
            case nameof(EmailOptions.SendTimeout): options.SendTimeout = TimeSpan.Zero; break;
            case nameof(EmailOptions.SmtpIdleTimeout): options.SmtpIdleTimeout = TimeSpan.FromSeconds(-1); break;
            case nameof(EmailOptions.MaxSmtpAttempts): options.MaxSmtpAttempts = 0; break;
            default: options.RetryBaseDelay = TimeSpan.FromSeconds(-1); break;
        }

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("unsubscribe@roleferry.local", true)]
    [InlineData("u+list@mail.roleferry.test", true)]
    [InlineData("not an address", false)]
    [InlineData("u@", false)]
    [InlineData("@roleferry.test", false)]
    [InlineData(" u@roleferry.test", false)]
    [InlineData("u@roleferry.test, v@roleferry.test", false)]
    [InlineData("<u@roleferry.test>", false)]
    public void The_unsubscribe_address_must_be_one_bare_address(string address, bool valid)
    {
        var options = new EmailOptions { UnsubscribeAddress = address };

        if (valid)
        {
            options.Validate();
        }
        else
        {
            Assert.Throws<InvalidOperationException>(options.Validate);
        }
    }

    [Fact]
    public void The_grains_registration_binds_the_section_and_wires_composer_transport_and_codec()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(new byte[32]),
            ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(new byte[32]),
            ["RoleFerry:Email:PublicBaseUrl"] = "https://roleferry.test",
            ["RoleFerry:Email:SendTimeout"] = "00:00:05",
            ["RoleFerry:Email:SmtpIdleTimeout"] = "00:00:30",
            ["RoleFerry:Email:MaxSmtpAttempts"] = "5",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddRoleFerryGrains(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal("https://roleferry.test", options.PublicBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.SendTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SmtpIdleTimeout);
        Assert.Equal(5, options.MaxSmtpAttempts);
        Assert.IsType<SmtpMailTransport>(provider.GetRequiredService<IMailTransport>());
        Assert.NotNull(provider.GetRequiredService<EmailComposer>());
    }

    [Fact]
    public void The_grains_registration_rejects_invalid_email_settings_when_they_are_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RoleFerry:Email:MaxSmtpAttempts"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddRoleFerryGrains(configuration).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<EmailOptions>>().Value);

        Assert.Equal("RoleFerry:Email:MaxSmtpAttempts must be at least 1 (was 0).", error.Message);
    }
}
