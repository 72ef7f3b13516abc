using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real web app as a separate process: <c>dotnet MbcFhirEdu.Web.dll --urls http://127.0.0.1:PORT</c> from the web
/// project's build output (built through the project reference; nothing is built here), in Development so the sandbox
/// EHR is hosted; every absolute URL follows that port (no URL settings). Ends exactly that process.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The port of a portal listed in <c>Web:FrameAncestors</c> (http://localhost:PORT; the app runs on 127.0.0.1, so another site).</summary>
    public int PortalPort { get; private init; }

    /// <summary>What the app wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="environment">Extra environment variables (configuration), given the app's origin, e.g. for a test of its own.</param>
    public static async Task<WebAppProcess> StartAsync(Func<string, IReadOnlyDictionary<string, string>>? environment = null)
    {
        var dll = AssemblyMetadata("WebAppDll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"The web app is not built: {dll} is missing (build the test project, which builds MbcFhirEdu.Web).");

        var port = FreeLoopbackPort();
        var origin = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", origin }) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        // The scheduled population run (on in Development) would export the sandbox cohort in the background.
        start.Environment["Population__Schedule__Enabled"] = "false";
        // No URL settings: in Development the redirect URI, the sandbox's issuer and launch URL follow --urls.
        start.Environment["Web__FrameAncestors__1"] = origin;
        // The portal of CrossSiteIframeInChromiumTests: another site that may embed the app.
        var portalPort = FreeLoopbackPort();
        start.Environment["Web__FrameAncestors__2"] = $"http://localhost:{portalPort}";
        foreach (var (name, value) in environment?.Invoke(origin) ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new WebAppProcess(process, new Uri(origin + "/")) { PortalPort = portalPort };
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilLiveAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The web app exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "health/live"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{BaseAddress}health/live did not answer within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    internal static string AssemblyMetadata(string key) =>
        typeof(WebAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
