using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Api;
using MbcFhirEdu.Web.Features.Coordinator;
using MbcFhirEdu.Web.Features.Console;
using MbcFhirEdu.Web.Features.CdsHooks;
using MbcFhirEdu.Web.Features.FhirApi;
using MbcFhirEdu.Web.Features.Home;
using MbcFhirEdu.Web.Features.Infobutton;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Features.Population;
using MbcFhirEdu.Web.Infrastructure;
using MbcFhirEdu.Web.Infrastructure.Errors;
using MbcFhirEdu.Web.Infrastructure.Persistence;
using MbcFhirEdu.Web.Infrastructure.RateLimiting;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Web.Infrastructure.Warmup;

var migrateOnly = PersistenceRegistration.IsMigrateMode(args);
var builder = WebApplication.CreateBuilder(args.Where(a => a != PersistenceRegistration.MigrateSwitch).ToArray());
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5080");

builder.Services.AddWebHost(builder.Configuration);
builder.AddObservability();
builder.AddSandboxWhenEnabled();
builder.Services.AddAppBaseUrl(); // Web:PublicBaseUrl, or the listening address in Development, fills every absolute URL
// Before AddSmartOnFhir: the database-backed launch-state and session stores replace its in-memory defaults.
builder.Services.AddPersistence(builder.Configuration, builder.Environment);
builder.Services.AddSmartOnFhir(builder.Configuration);
builder.Services.AddDeliveries(builder.Configuration);
builder.Services.AddPopulationMode(builder.Configuration); // worklist, and the scheduled run (Population:Schedule:*)
builder.Services.AddHome();
builder.Services.AddMaterials();
builder.Services.AddPatientPage();
builder.Services.AddCoordinator(); // antiforgery for the workspace's send form
builder.Services.AddConsole(builder.Configuration); // /console: Entra ID sign-in (Entra:Console), Backend Services to the EHR
builder.AddApi();
builder.Services.AddCdsHooks(builder.Configuration);
builder.Services.AddFhirApi();
builder.Services.AddErrorHandling(); // ProblemDetails / OperationOutcome for exceptions and bodiless errors
builder.Services.AddRateLimits(builder.Configuration); // RateLimits:*: /launch, /callback, /api, /cds-services, /infobutton
builder.Services.AddWarmup(builder.Configuration); // after persistence: runs the CDS path once before the server listens (Warmup:Enabled)
builder.Services.AddSessionReadThrough(); // last: wraps whichever session store is registered

var app = builder.Build();
// `--migrate`: apply the database migrations and exit (a Kubernetes Job runs this before a rollout).
if (migrateOnly) return await app.MigrateAndExitAsync();
// Invalid or missing settings: exit code 1 and one line per problem on stderr, no stack trace.
if (StartupProblems.Report(app) is { } exitCode) return exitCode;
app.UseErrorHandling();
app.UseSecurityHeaders();
app.UseFriendlyNotFound(); // an address nothing serves: the friendly page, or the FHIR / CDS error shape
app.UseAppStaticFiles(); // wwwroot under the content root, else next to the program; missing: start-up fails
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimits(); // after authorization: the API's partition is the authenticated client
app.MapHome();
app.MapHealth();
app.MapSandboxWhenEnabled();
app.MapLaunch();
app.MapPatientPage();
app.MapCoordinator();
app.MapConsole();
app.MapMaterials();
app.MapApi();
app.MapJwks();
app.MapCdsHooks();
app.MapInfobutton();
app.MapFhirApi();
await app.RunAsync();
return 0;


/// <summary>The web host's entry point; public so WebApplicationFactory&lt;Program&gt; can start it in tests.</summary>
public partial class Program;
