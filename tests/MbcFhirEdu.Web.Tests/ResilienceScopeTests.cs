using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// Circuit breakers are scoped (issue 14): one patient's failing searches must not block another patient's sign-in or
/// record. Over real HTTP on loopback — the app and its sandbox EHR on Kestrel, the app's SMART and FHIR clients on
/// their production handlers and resilience pipelines with the default breaker settings.
/// </summary>
public sealed class ResilienceScopeTests
{
    private const string PatientA = "her2-low-ihc1-akt1";
    private const string PatientB = "de-novo-bone-pik3ca";

    [Fact]
    public async Task PatientAsSearchesAnsweringHtml500_DoNotBlockPatientBsSignInOrRecord()
    {
        await using var app = new LoopbackApp(PatientA);
        app.StartServer();
        var a = app.NewBrowser();
        // Twice, so that more failures are seen than a breaker's minimum throughput (10 by default).
        for (var i = 0; i < 2; i++)
        {
            var html = await a.GetHtmlAsync(app.PortalLaunch(PatientA));
            Assert.Contains("We could not load your diagnoses right now", html);
        }
        Assert.True(app.FailedAnswers >= 10, $"only {app.FailedAnswers} failed answers");

        var b = app.NewBrowser();
        var clock = Stopwatch.StartNew();
        var page = await b.GetHtmlAsync(app.PortalLaunch(PatientB));

        Assert.DoesNotContain("could not load", page);
        Assert.DoesNotContain("may be incomplete", page);
        Assert.Contains("bone-metastases", Html.MaterialIds(page));
        // At once: not after a breaker's 15 s break.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    /// <summary>The web app with its sandbox on a free loopback port; every FHIR call about one patient answers an HTML 500.</summary>
    private sealed class LoopbackApp : WebApplicationFactory<Program>
    {
        private readonly string _failingPatient;
        private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"mbcedu-loopback-{Guid.NewGuid():N}.db");
        private int _failed;

        public LoopbackApp(string failingPatient)
        {
            _failingPatient = failingPatient;
            var port = FreePort();
            Origin = $"http://127.0.0.1:{port}";
            UseKestrel(port);
        }

        public string Origin { get; }
        public int FailedAnswers => Volatile.Read(ref _failed);

        /// <summary>A browser on a real socket; it keeps its own cookie jar (the handler's would drop Secure cookies over http).</summary>
        public Browser NewBrowser() => new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }));

        public string PortalLaunch(string patient) =>
            $"{Origin}/sandbox/launch-portal?patient={Uri.EscapeDataString(patient)}&app={Uri.EscapeDataString(Origin + "/launch")}";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["urls"] = Origin,
                ["Web:PublicBaseUrl"] = Origin,
                ["Sandbox:Enabled"] = "true",
                ["Smart:ClientId"] = "mbcedu-dev",
                ["Smart:RedirectUri"] = Origin + "/callback",
                ["Smart:AllowedIssuers:0"] = Origin + "/sandbox/fhir",
                ["Smart:Scopes:0"] = "online_access",
                ["Smart:RetryBaseDelay"] = "00:00:00.005",
                ["Web:RecordCacheSeconds"] = "0",
                ["ConnectionStrings:MbcEdu"] = $"Data Source={_databasePath};Pooling=False",
            })
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new FailPatient(this)));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(_databasePath + suffix); }
                catch (IOException) { }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        // First in the pipeline: the sandbox's FHIR server answers any read or search of the failing patient as a
        // misconfigured proxy would, with an HTML error page.
        private sealed class FailPatient(LoopbackApp app) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
            {
                builder.Use(async (context, following) =>
                {
                    var request = context.Request;
                    if (request.Path.StartsWithSegments("/sandbox/fhir")
                        && (request.Query["patient"] == app._failingPatient || request.Path.Value!.EndsWith("/Patient/" + app._failingPatient, StringComparison.Ordinal)))
                    {
                        Interlocked.Increment(ref app._failed);
                        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                        context.Response.ContentType = "text/html";
                        await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>");
                        return;
                    }
                    await following(context);
                });
                next(builder);
            };
        }
    }
}
