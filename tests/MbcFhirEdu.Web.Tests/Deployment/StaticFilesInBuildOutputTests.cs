using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;

namespace MbcFhirEdu.Web.Tests.Deployment;

/// <summary>
/// The app started the way production starts it — <c>dotnet MbcFhirEdu.Web.dll</c> from a build or publish output, in
/// Production, from a folder that is not the project — serves its stylesheet; without wwwroot it does not start.
/// </summary>
public sealed class StaticFilesInBuildOutputTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("mbcedu-run-").FullName;
    private readonly Security.KeyRingCertificates _certificates = new();

    [Fact]
    public async Task TheBuildOutputStartedFromAnotherFolder_ServesTheStyleSheet()
    {
        var dll = RepoFiles.Combine("src", "MbcFhirEdu.Web", "bin", Configuration, "net10.0", "MbcFhirEdu.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing (build src/MbcFhirEdu.Web)");

        var css = await StyleSheetStatusAsync(dll);

        Assert.Equal(HttpStatusCode.OK, css);
    }

    [Fact]
    public async Task ThePublishOutput_ServesTheStyleSheet_AndWithoutWwwrootStartUpFailsNamingThePath()
    {
        var output = Path.Combine(_workDir, "publish");
        var publish = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoFiles.Root };
        foreach (var a in new[] { "publish", "src/MbcFhirEdu.Web", "--no-build", "-c", Configuration, "-o", output, "--nologo" }) publish.ArgumentList.Add(a);
        var published = await BoundedProcess.RunAsync(publish, TimeSpan.FromMinutes(3));
        Assert.True(published.ExitCode == 0, published.Output);
        var dll = Path.Combine(output, "MbcFhirEdu.Web.dll");

        Assert.Equal(HttpStatusCode.OK, await StyleSheetStatusAsync(dll));

        Directory.Delete(Path.Combine(output, "wwwroot"), recursive: true);
        var start = Start(dll, FreePort());
        var failed = await BoundedProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        Assert.False(failed.TimedOut, "the app started without its static files");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("static files are missing", failed.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(output, "wwwroot"), failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WithNoStyleSheetAnywhere_ThrowsNamingBothPaths()
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(_workDir, "content")).FullName;
        var program = Directory.CreateDirectory(Path.Combine(_workDir, "program")).FullName;
        var environment = new TestEnvironment(contentRoot);

        var error = Assert.Throws<InvalidOperationException>(() => StaticFileRoot.Resolve(environment, program));

        Assert.Contains(Path.Combine(contentRoot, "wwwroot"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(program, "wwwroot"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WithTheStyleSheetOnlyNextToTheProgram_ServesThatCopy()
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(_workDir, "content")).FullName;
        var program = Directory.CreateDirectory(Path.Combine(_workDir, "program")).FullName;
        Directory.CreateDirectory(Path.Combine(program, "wwwroot", "css"));
        File.WriteAllText(Path.Combine(program, "wwwroot", "css", "site.css"), "body{}");

        var provider = StaticFileRoot.Resolve(new TestEnvironment(contentRoot), program);

        Assert.True(provider.GetFileInfo(StaticFileRoot.StyleSheet).Exists);
    }

    public void Dispose()
    {
        _certificates.Dispose();
        try { Directory.Delete(_workDir, recursive: true); }
        catch (IOException) { }
    }

    // tests/MbcFhirEdu.Web.Tests/bin/{Configuration}/net10.0/: the configuration this test was built with.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private ProcessStartInfo Start(string dll, int port)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _workDir };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Web__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Smart__ClientId"] = "static-files-test";
        start.Environment["Smart__AllowedIssuers__0"] = "https://ehr.example.org/fhir";
        start.Environment["Database__SqlitePath"] = Path.Combine(_workDir, $"app-{port}.db");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Production encrypts the key ring at rest: a certificate made for this run (Security/KeyRingCertificates).
        foreach (var (key, value) in _certificates.Create("static-files")) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

    /// <summary>Starts the app, waits until it answers, fetches the stylesheet, stops the app.</summary>
    private async Task<HttpStatusCode> StyleSheetStatusAsync(string dll)
    {
        var port = FreePort();
        var start = Start(dll, port);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                Assert.False(process.HasExited, "the app stopped: " + log);
                try
                {
                    if ((await http.GetAsync("/health/live")).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                Assert.True(DateTime.UtcNow < deadline, "the app did not answer within a minute: " + log);
                await Task.Delay(200);
            }
            var css = await http.GetAsync("/" + StaticFileRoot.StyleSheet);
            if (css.IsSuccessStatusCode) Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            return css.StatusCode;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class TestEnvironment(string contentRoot) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "MbcFhirEdu.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = contentRoot;
        public string EnvironmentName { get; set; } = "Production";
    }
}
