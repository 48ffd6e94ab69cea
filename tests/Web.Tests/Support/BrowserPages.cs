using Microsoft.Playwright;
using RoleFerry.Testing;
using RoleFerry.Testing.Browser;

namespace RoleFerry.Web.Tests.Support;

/// <summary>A browser context at 1280×800 on a silo (cookies of its own, so one person per context).</summary>
public static class BrowserPages
{
    public const float Timeout = 30_000;

    static BrowserPages() => Assertions.SetDefaultExpectTimeout(Timeout);

    public static async Task<IBrowserContext> NewContextAsync(BrowserFixture chromium, SiloProcess silo)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = silo.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(Timeout);
        return context;
    }
}
