using Microsoft.Playwright;

namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One web app process and one headless Debian chromium for the test class. Playwright's driver ships in the NuGet
/// package; the browser is /usr/bin/chromium (never downloaded). Each test gets its own context (cookie jar).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // The flags known to work as root on these machines; Playwright gives every launch a new empty profile
    // directory of its own (it refuses a --user-data-dir argument to LaunchAsync).
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public WebAppProcess App { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the browser test needs Debian's chromium (apt-get install chromium; tests/run-tests.sh installs it).");
        App = await WebAppProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Another headless chromium with extra switches (e.g. a browser feature under test); the caller closes it.</summary>
    public Task<IBrowser> LaunchBrowserAsync(params string[] extraArgs) =>
        _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. extraArgs],
        });

    /// <summary>
    /// A fresh context on the app. CSP is bypassed only so axe-core can be injected as a script tag: the app's CSP
    /// allows no inline script, and the check is about the page, not about the injection.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

/// <summary>Every browser test shares one app process and one chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "app process and chromium";
}
