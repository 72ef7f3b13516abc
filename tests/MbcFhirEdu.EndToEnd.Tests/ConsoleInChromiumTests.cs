using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>
/// In headless chromium, the coordinator console end to end on a web app process of its own (configured through its
/// environment): sign-in through the hosted sandbox's Entra-shaped provider (Microsoft.Identity.Web unmodified), the
/// worklist (an entry written to the app's database as a population run writes it), the patient view, a send through
/// the real form, and the sandbox EHR then holds exactly one Communication for it, written by the outbox with Backend Services;
/// then sign-out through the directory's end-session endpoint. The directory is on another origin than the app (the
/// sandbox addressed as localhost, the app at 127.0.0.1), as Entra ID is: the sign-out form's redirect there is allowed
/// only because the console's CSP names that origin in <c>form-action</c> (Chrome applies it to a form's redirects).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleInChromiumTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Tenant = "3c1e5f0a-6b7d-4e8f-9a0b-1c2d3e4f5a6b";
    private const string Patient = "her2-low-ihc1-akt1";
    private const string Oid = "e2e0c0de-0000-4000-8000-00000000c0de";

    [Fact]
    public async Task Coordinator_SignsInWithEntra_OpensTheWorklist_OpensThePatient_Sends_TheSandboxGetsExactlyOneCommunication_AndSignsOut()
    {
        var database = Path.Combine(Path.GetTempPath(), $"mbcedu-console-e2e-{Guid.NewGuid():N}.db");
        await using var app = await WebAppProcess.StartAsync(origin => new Dictionary<string, string>
        {
            ["ConnectionStrings__MbcEdu"] = $"Data Source={database};Pooling=False",
            ["Sandbox__Entra__TenantId"] = Tenant,
            ["Sandbox__Entra__Users__e2e-coordinator__Oid"] = Oid,
            ["Sandbox__Entra__Users__e2e-coordinator__Name"] = "Erin Endtoend",
            ["Sandbox__Entra__Users__e2e-coordinator__Username"] = "casey@contoso.test",
            ["Sandbox__Entra__Users__e2e-coordinator__Roles__0"] = "Education.Coordinator",
            ["Sandbox__Entra__Apps__e2e-console__ClientId"] = "e2e-console",
            ["Sandbox__Entra__Apps__e2e-console__ClientSecret"] = "e2e-console-secret-0123456789",
            ["Sandbox__Entra__Apps__e2e-console__RedirectUris__0"] = origin + "/console/signin-oidc",
            ["Sandbox__Entra__Apps__e2e-console__RedirectUris__1"] = origin + "/console/signout-callback-oidc",
            ["Sandbox__Entra__Apps__e2e-console__AppRoles__0"] = "Education.Coordinator",
            ["Entra__Console__Instance"] = DirectoryOrigin(origin) + "/sandbox/entra/",
            ["Entra__Console__TenantId"] = Tenant,
            ["Entra__Console__ClientId"] = "e2e-console",
            ["Entra__Console__ClientSecret"] = "e2e-console-secret-0123456789",
            ["Entra__Console__RequireHttpsMetadata"] = "false",
            // http on loopback: the issuer is configured, as in appsettings.Development.json (no https metadata to read it from).
            ["Entra__Console__TokenValidationParameters__ValidIssuer"] = $"{DirectoryOrigin(origin)}/sandbox/entra/{Tenant}/v2.0",
            ["Console__DeliverySender"] = "Practitioner/coord-brightwater",
        });
        var directory = DirectoryOrigin(app.BaseAddress.AbsoluteUri.TrimEnd('/'));
        try
        {
            var entry = await SeedWorklistAsync(database, app.BaseAddress);
            await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = app.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            var page = await context.NewPageAsync();

            // Signed out: the console sends the browser to the directory's sign-in page; the coordinator picks their account.
            await page.GotoAsync("/console");
            await page.WaitForURLAsync(new Regex($"^{Regex.Escape(directory)}/sandbox/entra/{Tenant}/oauth2/v2.0/authorize"));
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Erin Endtoend" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/console/worklist$"));

            var row = page.Locator($"tr[data-worklist='{entry:D}']");
            Assert.Contains("New metastatic site", await row.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("liver on 2026-11-30", await row.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Imogen Saltmarsh", await row.Locator("th").InnerTextAsync(), StringComparison.Ordinal); // read live from the EHR
            await row.Locator("th a").ClickAsync();
            await page.WaitForURLAsync(new Regex($"/console/patients/{Patient}$"));
            Assert.Equal(1, await page.Locator("section.patient-banner").CountAsync());
            Assert.Equal(1, await page.Locator("article[data-material='her2-low'] table.evidence").CountAsync());

            await page.GetByRole(AriaRole.Checkbox, new PageGetByRoleOptions { Name = "Send “HER2-low", Exact = false }).First.CheckAsync();
            await page.GetByLabel("Personal note to the patient (optional)").FillAsync("From the coordination desk.");
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send the chosen materials" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/console/patients/[^?]+\?.*sent=1"));
            Assert.Contains("Sent 1 material.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);

            var deliveryId = await DeliveredAsync(database);
            var communications = await CommunicationsAsync(app.BaseAddress, deliveryId);
            Assert.Equal(1, communications);
            output.WriteLine($"delivery {deliveryId}: {communications} Communication at the sandbox EHR");
            var path = Artifacts.PathFor("console-her2-low-ihc1-akt1.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            output.WriteLine($"screenshot: {path}");

            // Sign-out: the form's answer sends the browser to the directory's end-session endpoint (another origin) and
            // back to the console's signed-out callback; the next console page asks for the sign-in again.
            var visited = new List<string>();
            page.Request += (_, request) => visited.Add(request.Url);
            await page.Locator("#console-signout").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/console/signed-out$"));
            Assert.Contains(visited, u => u.StartsWith($"{directory}/sandbox/entra/{Tenant}/oauth2/v2.0/logout?", StringComparison.Ordinal));
            Assert.Contains(visited, u => u.StartsWith(app.BaseAddress + "console/signout-callback-oidc?", StringComparison.Ordinal));
            Assert.Contains("You are signed out of the coordinator console", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            await page.GotoAsync("/console/worklist");
            await page.WaitForURLAsync(new Regex($"^{Regex.Escape(directory)}/sandbox/entra/{Tenant}/oauth2/v2.0/authorize"));
        }
        catch
        {
            output.WriteLine(app.Output);
            throw;
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        }
    }

    /// <summary>The directory's origin: the app's own sandbox, addressed as localhost (another site than 127.0.0.1).</summary>
    private static string DirectoryOrigin(string origin) => origin.Replace("://127.0.0.1:", "://localhost:", StringComparison.Ordinal);

    /// <summary>One open worklist entry, as a population run writes it (the app has migrated the database at start).</summary>
    private static async Task<Guid> SeedWorklistAsync(string database, Uri app)
    {
        await using var db = Db(database);
        var entry = new WorklistEntryRecord
        {
            Id = Guid.NewGuid(),
            FhirBase = new Uri(app, "sandbox/fhir").AbsoluteUri,
            PatientId = Patient,
            Reason = (int)WorklistReason.NewSite,
            Detail = "new site: liver on 2026-11-30",
            EvidenceJson = JsonSerializer.Serialize(new[] { "Condition/her2-low-ihc1-akt1-liver" }),
            RunId = Guid.NewGuid(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.WorklistEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    /// <summary>Waits (bounded) until the outbox has written the one console delivery; returns its id.</summary>
    private static async Task<Guid> DeliveredAsync(string database)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using (var db = Db(database))
            {
                var rows = await db.Deliveries.AsNoTracking().ToListAsync();
                if (rows.Count == 1 && rows[0].Status == DeliveryStatus.Delivered) return rows[0].Id;
                if (rows.Count > 1 || rows.Any(r => r.Status == DeliveryStatus.Failed) || DateTime.UtcNow > until)
                    throw new Xunit.Sdk.XunitException($"expected one delivered console delivery, found: {string.Join(", ", rows.Select(r => r.Status))}");
            }
            await Task.Delay(250);
        }
    }

    private static SqliteMbcEduDbContext Db(string database) =>
        new(new DbContextOptionsBuilder<SqliteMbcEduDbContext>().UseSqlite($"Data Source={database};Pooling=False").Options);

    /// <summary>
    /// The Communications the sandbox EHR holds for the delivery: searched with a practitioner's token from the
    /// sandbox's own authorization server (PKCE), as an EHR user would see them.
    /// </summary>
    private static async Task<int> CommunicationsAsync(Uri app, Guid deliveryId)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = app, Timeout = TimeSpan.FromSeconds(60) };
        var issuer = new Uri(app, "sandbox/fhir").AbsoluteUri;
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        const string redirect = "http://127.0.0.1:9/callback";
        var authorize = $"sandbox/auth/authorize?response_type=code&client_id=mbcedu-dev&redirect_uri={Uri.EscapeDataString(redirect)}"
            + $"&scope={Uri.EscapeDataString("openid fhirUser user/Communication.rs")}&state=e2e-{Guid.NewGuid():N}&aud={Uri.EscapeDataString(issuer)}"
            + $"&code_challenge={challenge}&code_challenge_method=S256&sandbox_pick={Uri.EscapeDataString("Practitioner/onc-halloway")}";
        using var toCallback = await http.GetAsync(authorize);
        var code = System.Web.HttpUtility.ParseQueryString(toCallback.Headers.Location!.Query)["code"];
        using var tokenResponse = await http.PostAsync("sandbox/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code ?? "", ["redirect_uri"] = redirect, ["client_id"] = "mbcedu-dev", ["code_verifier"] = verifier,
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var search = new HttpRequestMessage(HttpMethod.Get, $"sandbox/fhir/Communication?patient={Patient}&_count=200");
        search.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var found = await http.SendAsync(search);
        found.EnsureSuccessStatusCode();
        var bundle = await found.Content.ReadFromJsonAsync<JsonElement>();
        return bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Count(e => e.GetProperty("resource").GetRawText().Contains(deliveryId.ToString("D"), StringComparison.Ordinal))
            : 0;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
