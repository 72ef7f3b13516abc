using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Home;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5080");

builder.Services.AddWebHost(builder.Configuration);
builder.AddSandboxWhenEnabled();
builder.Services.AddSmartOnFhir(builder.Configuration);
builder.Services.AddHome();
builder.Services.AddMaterials();
builder.Services.AddPatientPage();
builder.Services.AddSessionReadThrough(); // last: wraps whichever session store is registered

var app = builder.Build();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.MapHome();
app.MapSandboxWhenEnabled();
app.MapLaunch();
app.MapPatientPage();
app.MapMaterials();
app.Run();

/// <summary>The web host's entry point; public so WebApplicationFactory&lt;Program&gt; can start it in tests.</summary>
public partial class Program;
