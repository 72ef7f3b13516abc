using System.Diagnostics;
using System.Text.RegularExpressions;
using MbcFhirEdu.Tests.Shared;

namespace MbcFhirEdu.Web.Tests.Security;

/// <summary>
/// Issue 15 item 8: <c>dotnet MbcFhirEdu.Web.dll</c> with missing or invalid settings exits with code 1 and writes one
/// line per problem on stderr, each naming its key, and no stack trace (it was exit 134 and 40 lines).
/// </summary>
public sealed partial class StartupFailureTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("mbcedu-startup-").FullName;

    [Fact]
    public async Task Production_WithNothingConfigured_ExitsWith1_AndOneLinePerMissingKey()
    {
        var result = await RunAsync(new Dictionary<string, string>());

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Output}");
        var lines = Lines(result.StandardError);
        string[] missing = ["Web:PublicBaseUrl", "DataProtection:CertificatePath", "Smart:ClientId", "Smart:AllowedIssuers"];
        foreach (var key in missing) Assert.Single(lines, l => l.StartsWith(key + " ", StringComparison.Ordinal) || l.StartsWith(key + ":", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(LeadingKey(), l));
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableCertificateAndABadProxy_AreEachOneLine()
    {
        var settings = new Dictionary<string, string>
        {
            ["Web__PublicBaseUrl"] = "https://edu.example.test",
            ["Smart__ClientId"] = "startup-test",
            ["Smart__AllowedIssuers__0"] = "https://ehr.example.test/fhir",
            ["DataProtection__CertificatePath"] = Path.Combine(_workDir, "missing.crt"),
            ["Web__KnownProxies__0"] = "not-an-address",
        };

        var result = await RunAsync(settings);

        Assert.Equal(1, result.ExitCode);
        var lines = Lines(result.StandardError);
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("DataProtection:CertificatePath: ", StringComparison.Ordinal) && l.Contains("missing.crt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Web:KnownProxies:0 ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    private async Task<BoundedProcess.Result> RunAsync(Dictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MbcFhirEdu.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__SqlitePath"] = Path.Combine(_workDir, "app.db");
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var result = await BoundedProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        if (result.TimedOut) Assert.Fail("the app did not exit within 2 minutes: " + result.Output);
        return result;
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"^[A-Za-z]+(:[A-Za-z0-9]+)+[ :]")]
    private static partial Regex LeadingKey();

    public void Dispose()
    {
        try { Directory.Delete(_workDir, recursive: true); }
        catch (IOException) { }
    }
}
