using Microsoft.Playwright;

namespace RoleFerry.Testing.Browser;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, installed by scripts/deps.sh <c>ensure_chromium</c>), launched headless
/// by Playwright through <c>ExecutablePath</c>: Playwright's own browser builds are never downloaded (they cannot be
/// here). The flags keep chromium off the network (this machine refuses its background connections); Playwright
/// gives every launch a new empty profile directory.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Flags =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: run the tests with ./test.sh, which installs Debian's chromium (scripts/deps.sh ensure_chromium).");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            ChromiumSandbox = false,
            Args = Flags,
        });
    }
}
