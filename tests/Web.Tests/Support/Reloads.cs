using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RoleFerry.Web.Tests.Support;

/// <summary>
/// Pages are rendered on the server and do not refresh themselves: after something happened elsewhere (a step
/// handed to SMTP, a reply read over IMAP), a person reloads until the page shows it. Each try waits on the page
/// itself (Playwright's expectation, 2 s), never on a clock; 30 tries at most.
/// </summary>
public static class Reloads
{
    public static async Task UntilVisibleAsync(IPage page, Func<ILocator> locator)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Expect(locator()).ToBeVisibleAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 30)
            {
                await page.ReloadAsync();
            }
        }
    }
}
