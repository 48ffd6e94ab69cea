using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RoleFerry.Web.Tests.Support;

/// <summary>
/// What every page is held to: Deque's axe rules find no serious or critical violation, and a screenshot at the
/// context's 1280×800 goes to the test output folder (<c>bin/…/screenshots/NAME.png</c>; ./test.sh copies them to
/// TestResults/screenshots).
/// </summary>
public static class PageChecks
{
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task CheckAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png") });
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name} ({page.Url}) has accessibility violations:{Environment.NewLine}" + string.Join(
            Environment.NewLine,
            serious.Select(v => $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }
}
