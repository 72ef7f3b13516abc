using Microsoft.Extensions.FileProviders;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Where the app's static files (<c>wwwroot</c>: the stylesheet every page links) come from. The web root under the
/// content root (a publish output run from its folder, <c>dotnet run</c>, the development static-web-assets map) is
/// used when it holds the stylesheet; otherwise the copy the build puts next to the program (a build or publish
/// output started from another folder). With neither, start-up fails naming both paths: pages without their
/// stylesheet are not a state to run in.
/// </summary>
internal static class StaticFileRoot
{
    /// <summary>The file whose presence says the static files are there (PageLayout.razor links it).</summary>
    public const string StyleSheet = "css/site.css";

    public static IApplicationBuilder UseAppStaticFiles(this WebApplication app) =>
        app.UseStaticFiles(new StaticFileOptions { FileProvider = Resolve(app.Environment, AppContext.BaseDirectory) });

    public static IFileProvider Resolve(IWebHostEnvironment environment, string programDirectory)
    {
        if (environment.WebRootFileProvider.GetFileInfo(StyleSheet).Exists) return environment.WebRootFileProvider;
        var besideProgram = Path.Combine(programDirectory, "wwwroot");
        if (File.Exists(Path.Combine(besideProgram, StyleSheet))) return new PhysicalFileProvider(besideProgram);
        var webRoot = environment.WebRootPath is { Length: > 0 } path ? path : Path.Combine(environment.ContentRootPath, "wwwroot");
        throw new InvalidOperationException(
            $"The app's static files are missing: {StyleSheet} is neither in the web root {webRoot} nor next to the program in {besideProgram}. " +
            "Start the app from a `dotnet build` or `dotnet publish` output of src/MbcFhirEdu.Web (both copy wwwroot), or set the web root (--webroot).");
    }
}
