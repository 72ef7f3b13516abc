using System.Text.Json;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>Issue 7 item 4: structured JSON logs with scopes, and no PHI in them after a real launch and page load.</summary>
public sealed class JsonLogTests
{
    private const string PatientId = "de-novo-bone-pik3ca";

    [Fact]
    public async Task PortalLaunch_WritesParseableJsonLines_WithScopes_AndNoPatientIdNameOrToken()
    {
        JsonLineCapture? capture = null;
        // The test host runs as Development, where the default is text: ask for JSON as production gets it by default.
        using var factory = WebAppFactory.With(new Dictionary<string, string?> { [ObservabilityRegistration.LogFormatKey] = "json" });
        factory.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(sp => capture = new JsonLineCapture(sp));
        var browser = factory.NewBrowser();

        var html = await Launches.AsPatientAsync(browser, PatientId);

        Assert.Contains("Quillbrook", html); // the sandbox patient's name is on the page, so it was in reach of the logs
        Assert.NotNull(capture);
        Assert.Equal("json", capture.FormatterName);
        var lines = capture.Lines.ToList();
        Assert.NotEmpty(lines);
        var documents = lines.Select(line => JsonDocument.Parse(line)).ToList();
        Assert.All(documents, d =>
        {
            Assert.True(d.RootElement.TryGetProperty("LogLevel", out _));
            Assert.True(d.RootElement.TryGetProperty("Category", out _));
            Assert.True(d.RootElement.TryGetProperty("Message", out _));
            Assert.True(d.RootElement.TryGetProperty("Timestamp", out _));
        });
        Assert.Contains(documents, d => d.RootElement.GetProperty("Category").GetString() == "MbcFhirEdu.Web.Features.Launch"
            && d.RootElement.GetProperty("Message").GetString()!.StartsWith("Session started", StringComparison.Ordinal));
        // Scopes are written: request logs carry the request's TraceId/RequestId.
        Assert.Contains(documents, d => d.RootElement.TryGetProperty("Scopes", out var scopes) && scopes.GetArrayLength() > 0
            && scopes.GetRawText().Contains("TraceId", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            Assert.False(line.Contains(PatientId, StringComparison.OrdinalIgnoreCase), line);
            Assert.DoesNotContain("Quillbrook", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Dana", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Bearer", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("access_token", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("code=", line, StringComparison.Ordinal);
        }
        // Every cookie but the newest launch's context id, which is the launch's address (/app/l/{ctx}) and so in the
        // request scopes' RequestPath; it names no session without the browser key, which stays out of the logs.
        foreach (var (name, cookie) in browser.Cookies.Where(c => c.Key != "mbcedu-context"))
            Assert.DoesNotContain(lines, l => l.Contains(cookie, StringComparison.Ordinal));
        Assert.Contains("mbcedu-session", browser.Cookies.Keys);
        Assert.DoesNotContain(lines, l => l.Contains(browser.SessionId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", null, false)]
    [InlineData("Production", null, true)]
    [InlineData("Staging", null, true)]
    [InlineData("Development", "json", true)]
    [InlineData("Production", "simple", false)]
    public void LogFormat_DefaultsToJsonOutsideDevelopment(string environment, string? format, bool json)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ObservabilityRegistration.LogFormatKey] = format }).Build();

        Assert.Equal(json, ObservabilityRegistration.UsesJsonLogs(configuration, new Environment(environment)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
