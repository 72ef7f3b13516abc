namespace MbcFhirEdu.Sandbox;

/// <summary>Runs the sandbox EHR on its own: <c>dotnet run --project src/MbcFhirEdu.Sandbox</c> → http://localhost:5090/sandbox/.
/// A named class (not top-level statements) so it does not clash with the web app's <c>Program</c>.</summary>
public sealed partial class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5090");
        builder.Services.AddSandboxEhr(builder.Configuration);

        var app = builder.Build();
        app.MapSandboxEhr("/sandbox");
        app.MapGet("/", () => TypedResults.Redirect("/sandbox/")).ExcludeFromDescription();
        app.Run();
    }
}
