using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using MbcFhirEdu.Tests.Shared;
using Npgsql;
using Xunit.Abstractions;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>
/// Issue 7 "Show": two instances of the web app as separate OS processes on loopback (replica A and replica B), one
/// real PostgreSQL database (a private cluster), and the sandbox EHR as a third process, so killing A leaves the EHR
/// up. The database is migrated first by the app's own <c>--migrate</c> mode, as the Kubernetes Job does.
/// <list type="number">
/// <item>A SMART launch begun on A (the EHR's launch → A's <c>/launch</c> → the sandbox's authorize) completes on B
/// (<c>/callback</c> with A's state: launch state and Data Protection keys are in the database); the session cookie B
/// sets works on B and on A; the same callback replayed on A is refused.</item>
/// <item>A delivery sent through A (the care coordinator's form: GET <c>/coordinator</c> on A for the antiforgery token
/// and form nonce, POST <c>/coordinator/send</c> on A) is visible through B: B's workspace history lists it by its
/// <c>data-delivery</c> id, and B's API (<c>GET /api/v1/patients/{id}/deliveries/{id}</c> and the list, with a sandbox
/// TEST token) answers it.</item>
/// <item>While the EHR holds its Communication write, A's worker claims that delivery; A is killed (SIGKILL) mid-send
/// and, once its lease runs out, B sends it: the sandbox then holds exactly one Communication with the delivery's
/// identifier, still one after further outbox passes, and B's API reports it delivered with that Communication.</item>
/// </list>
/// Every process is killed at the end (also on failure) and their logs are written to the test output on failure.
/// </summary>
[Collection(MultiReplicaCollection.Name)]
public sealed partial class MultiReplicaTests(ITestOutputHelper output)
{
    private const string Patient = "de-novo-bone-pik3ca";
    private const string Practitioner = "onc-halloway";
    private const string Material = "bone-metastases";
    private const string DeliveryIdSystem = "http://mbcfhiredu.example.org/fhir/sid/delivery-id";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    // A send is held by the EHR until SendTimeout, so A's claim lasts long enough to be seen and killed mid-send;
    // B takes the row over once the lease has run out.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private const string ApiAudience = "api://mbcfhiredu-replicas";
    private const string ApiAppId = "mbcfhiredu-api-replicas";
    private const string Tenant = "replicas-tenant";
    private const string ApiClient = "care-mgmt-replicas";
    private const string ApiSecret = "replica-test-secret-0123456789";

    [Fact]
    public async Task A_launch_begun_on_A_completes_on_B_a_delivery_sent_through_A_is_seen_through_B_and_after_A_is_killed_B_sends_it_exactly_once()
    {
        var cluster = await PostgresCluster.SharedAsync();
        var connectionString = await cluster.CreateDatabaseAsync("mbcedu_replicas");
        var servers = new List<ServerProcess>();
        try
        {
            var sandbox = await ServerProcess.StartAsync("sandbox EHR", Dll("SandboxDll"), ServerProcess.FreeLoopbackPort(), new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["Sandbox__EnableFaultInjection"] = "true",
                // The sandbox's Entra-shaped tenant: TEST app-only tokens for the app's API, for reading deliveries through B.
                ["Sandbox__Entra__TenantId"] = Tenant,
                ["Sandbox__Entra__Apps__api__ClientId"] = ApiAppId,
                ["Sandbox__Entra__Apps__api__AppIdUri"] = ApiAudience,
                ["Sandbox__Entra__Apps__api__AppRoles__0"] = "Education.Read",
                ["Sandbox__Entra__Apps__client__ClientId"] = ApiClient,
                ["Sandbox__Entra__Apps__client__ClientSecret"] = ApiSecret,
                ["Sandbox__Entra__Apps__client__AssignedRoles__0"] = "Education.Read",
            }, "/sandbox/fhir/metadata", StartTimeout);
            servers.Add(sandbox);
            var ehr = Base(sandbox.Origin);
            var issuer = ehr + "/sandbox/fhir";

            int portA = ServerProcess.FreeLoopbackPort(), portB = ServerProcess.FreeLoopbackPort();
            var publicOrigin = $"http://127.0.0.1:{portA}"; // the address the EHR knows the app by (a load balancer's, in production)
            var environment = AppEnvironment(connectionString, issuer, publicOrigin);
            var (exit, migrateOutput) = await ServerProcess.RunToEndAsync(Dll("WebAppDll"), ["--migrate"], environment, TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, $"--migrate exited with {exit}:\n{migrateOutput}");

            var started = await Task.WhenAll(
                ServerProcess.StartAsync("replica A", Dll("WebAppDll"), portA, environment, "/health/ready", StartTimeout),
                ServerProcess.StartAsync("replica B", Dll("WebAppDll"), portB, environment, "/health/ready", StartTimeout));
            servers.AddRange(started);
            var (a, b) = (started[0], started[1]);

            var browser = await LaunchOnACompletesOnBAsync(ehr, Base(a.Origin), Base(b.Origin));
            await SentThroughAVisibleThroughBAndAfterAIsKilledSentOnceByBAsync(browser, connectionString, ehr, issuer, a, b);
        }
        catch
        {
            foreach (var server in servers) output.WriteLine($"===== {server.Name} (pid {server.Id}) output =====\n{Tail(server.Output, 300)}");
            throw;
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>Returns the browser, holding the session cookie B set (which works on both replicas).</summary>
    private async Task<LoopbackBrowser> LaunchOnACompletesOnBAsync(string ehr, string a, string b)
    {
        var browser = new LoopbackBrowser();
        // The EHR opens the app from the chart: its launch goes to A.
        var toApp = await browser.RedirectAsync($"{ehr}/sandbox/launch-ehr?patient={Patient}&practitioner={Practitioner}&app={Uri.EscapeDataString(a + "/launch")}");
        Assert.StartsWith(a + "/launch?", toApp.AbsoluteUri, StringComparison.Ordinal);
        var toAuthorize = await browser.RedirectAsync(toApp.AbsoluteUri);
        Assert.StartsWith(ehr + "/sandbox/auth/authorize?", toAuthorize.AbsoluteUri, StringComparison.Ordinal);
        var state = Query(toAuthorize, "state");
        Assert.False(string.IsNullOrEmpty(state), "A's authorize redirect carries no state");
        var callback = await browser.RedirectAsync(toAuthorize.AbsoluteUri);
        Assert.Equal(a + "/callback", callback.GetLeftPart(UriPartial.Path));
        Assert.Equal(state, Query(callback, "state"));

        // The load balancer sends the callback to B.
        var landing = await browser.RedirectAsync(b + callback.PathAndQuery);
        Assert.Matches("^/app/l/[A-Za-z0-9_-]{43}$", landing.IsAbsoluteUri ? landing.AbsolutePath : landing.OriginalString.Split('?')[0]);
        var sessionId = browser.Cookie("mbcedu-session") ?? throw new Xunit.Sdk.XunitException("B set no session cookie on /callback");
        output.WriteLine($"launch: begun on {a}, state {state[..6]}…, completed on {b}");

        // The session works on B, and on A (sessions and Data Protection keys are shared through the database).
        foreach (var replica in new[] { b, a })
        {
            var (status, html) = await browser.GetAsync(replica + "/app");
            Assert.True(status == HttpStatusCode.OK, $"{replica}/app answered {(int)status}:\n{html[..Math.Min(html.Length, 2000)]}");
            Assert.Contains("data-material=", html, StringComparison.Ordinal);
        }
        // The state was taken on B: the same callback replayed on A does not start a second session.
        browser.Forget("mbcedu-session");
        var (replayStatus, _) = await browser.GetAsync(a + callback.PathAndQuery);
        Assert.NotEqual(HttpStatusCode.Redirect, replayStatus);
        Assert.NotEqual(HttpStatusCode.Found, replayStatus);
        Assert.Null(browser.Cookie("mbcedu-session"));
        browser.Remember("mbcedu-session", sessionId); // the coordinator's session goes on
        return browser;
    }

    private async Task SentThroughAVisibleThroughBAndAfterAIsKilledSentOnceByBAsync(
        LoopbackBrowser browser, string connectionString, string ehr, string issuer, ServerProcess a, ServerProcess b)
    {
        var ownerA = WorkerOwner(a);
        var ownerB = WorkerOwner(b);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        // The EHR holds every Communication write for a minute: a send stays in flight (the lease held) until killed.
        using (var hold = await http.PostAsJsonAsync($"{ehr}/sandbox/_sandbox/faults", new { latencyMs = 60_000, target = "communication" }))
            Assert.Equal(HttpStatusCode.NoContent, hold.StatusCode);

        // The coordinator sends through A (the workspace's form, antiforgery token and all); B's workspace and B's API show it.
        var deliveryId = await SendThroughAAsync(browser, Base(a.Origin));
        var apiToken = await ApiTokenAsync(ehr);
        await SeenThroughBAsync(browser, Base(b.Origin), apiToken, deliveryId, "pending", "sending");
        output.WriteLine($"delivery {deliveryId} sent through A, seen through B; worker A = {ownerA}, worker B = {ownerB}");

        // Wait (bounded) until A's worker holds it. B may claim it first: its send then times out and is retried, and
        // the row comes round again; the test waits for a claim by A.
        var heldByA = await WaitForAsync(async () => await ReadAsync(connectionString, deliveryId) is { Status: DeliveryStatus.Sending } row && row.LeaseOwner == ownerA,
            TimeSpan.FromSeconds(90));
        Assert.True(heldByA, $"A's worker never held the delivery: {await ReadAsync(connectionString, deliveryId)}");

        await a.KillAsync();
        output.WriteLine($"replica A (pid {a.Id}) killed mid-send");
        // Still outstanding: Sending under A's dead lease (or, had A's send timed out just before the kill, Pending).
        var afterKill = await ReadAsync(connectionString, deliveryId);
        Assert.True(afterKill.Status is DeliveryStatus.Sending or DeliveryStatus.Pending, $"after the kill: {afterKill}");
        var token = await SandboxTokenAsync(ehr, issuer);
        Assert.Empty(await CommunicationsAsync(issuer, token, deliveryId));

        // The EHR recovers; B takes the row over once A's lease has run out, and sends it.
        using (var reset = await http.DeleteAsync($"{ehr}/sandbox/_sandbox/faults"))
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var delivered = await WaitForAsync(async () => (await ReadAsync(connectionString, deliveryId)).Status == DeliveryStatus.Delivered, Lease + TimeSpan.FromSeconds(60));
        var row = await ReadAsync(connectionString, deliveryId);
        Assert.True(delivered, $"B did not deliver it: {row}");
        Assert.True(row.Attempts >= 2, $"expected A's attempt and B's, got {row.Attempts}");
        Assert.Contains($"Delivery {deliveryId} written to the EHR", b.Output, StringComparison.Ordinal);

        // Exactly one Communication, also after ten more outbox passes of B (poll 0.5 s).
        await Task.Delay(TimeSpan.FromSeconds(5));
        var communications = await CommunicationsAsync(issuer, token, deliveryId);
        var communication = Assert.Single(communications);
        Assert.Equal(row.EhrCommunicationId, communication);
        Assert.Equal(DeliveryStatus.Delivered, (await ReadAsync(connectionString, deliveryId)).Status);
        // B's API reports the outcome: delivered, with that Communication.
        var final = await SeenThroughBAsync(browser, Base(b.Origin), apiToken, deliveryId, "delivered");
        Assert.Equal(communication, final.GetProperty("communication").GetString());
        output.WriteLine($"delivered once by B after {row.Attempts} attempts: Communication/{communication}");
    }

    /// <summary>
    /// Sends <see cref="Material"/> from A's care coordinator workspace: GET <c>/coordinator</c> on A (antiforgery token,
    /// form nonce), POST <c>/coordinator/send</c> on A, follow the 303 to A's workspace, which lists one delivery of the
    /// material in its history; returns that delivery's id (its <c>data-delivery</c> attribute).
    /// </summary>
    private static async Task<Guid> SendThroughAAsync(LoopbackBrowser browser, string a)
    {
        var (status, page) = await browser.GetAsync(a + "/coordinator");
        Assert.True(status == HttpStatusCode.OK, $"{a}/coordinator answered {(int)status}:\n{page[..Math.Min(page.Length, 2000)]}");
        Assert.DoesNotContain("data-delivery=", page, StringComparison.Ordinal); // nothing sent to this patient yet
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["form"] = Hidden(page, "form"),
            ["lang"] = "en",
            ["material"] = Material,
            ["note"] = "Sent through replica A.",
        });
        var (sent, location, body) = await browser.PostAsync(a + "/coordinator/send", form);
        Assert.True(sent == HttpStatusCode.SeeOther, $"{a}/coordinator/send answered {(int)sent}:\n{body[..Math.Min(body.Length, 2000)]}");
        Assert.NotNull(location);
        Assert.Matches("^/coordinator/l/[A-Za-z0-9_-]{43}\\?", location.OriginalString);
        Assert.Contains("sent=1", location.OriginalString, StringComparison.Ordinal);
        var (_, result) = await browser.GetAsync(a + location.OriginalString.Split('#')[0]);
        return Assert.Single(HistoryIds(result));
    }

    /// <summary>
    /// The delivery through B: B's workspace history lists it, and B's API (<c>GET /api/v1/patients/{id}/deliveries/{id}</c>
    /// and the list) answers it with one of <paramref name="statuses"/>. Returns the API's JSON for it.
    /// </summary>
    private static async Task<JsonElement> SeenThroughBAsync(LoopbackBrowser browser, string b, string apiToken, Guid deliveryId, params string[] statuses)
    {
        var (status, page) = await browser.GetAsync(b + "/coordinator");
        Assert.True(status == HttpStatusCode.OK, $"{b}/coordinator answered {(int)status}");
        Assert.Equal(deliveryId, Assert.Single(HistoryIds(page)));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", apiToken);
        using var one = await http.GetAsync($"{b}/api/v1/patients/{Patient}/deliveries/{deliveryId:D}");
        var text = await one.Content.ReadAsStringAsync();
        Assert.True(one.StatusCode == HttpStatusCode.OK, $"B's API GET delivery answered {(int)one.StatusCode}: {text}");
        var delivery = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(deliveryId.ToString("D"), delivery.GetProperty("id").GetString());
        Assert.Equal(Patient, delivery.GetProperty("patient").GetString());
        Assert.Equal(Material, delivery.GetProperty("materialId").GetString());
        Assert.Equal("Sent through replica A.", delivery.GetProperty("note").GetString());
        Assert.Contains(delivery.GetProperty("status").GetString()!, statuses);

        using var list = await http.GetAsync($"{b}/api/v1/patients/{Patient}/deliveries");
        var listText = await list.Content.ReadAsStringAsync();
        Assert.True(list.StatusCode == HttpStatusCode.OK, $"B's API GET deliveries answered {(int)list.StatusCode}: {listText}");
        using var listed = JsonDocument.Parse(listText);
        var only = Assert.Single(listed.RootElement.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(deliveryId.ToString("D"), only.GetProperty("id").GetString());
        return delivery;
    }

    /// <summary>The <c>data-delivery</c> ids of the workspace's history rows for <see cref="Material"/>.</summary>
    private static List<Guid> HistoryIds(string page) =>
        [.. HistoryRow().Matches(page).Where(m => m.Groups[2].Value == Material).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static string Hidden(string page, string name)
    {
        var match = Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"the workspace form has no {name} field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A TEST app-only token for the app's API (role Education.Read) from the sandbox's Entra-shaped token endpoint.</summary>
    private static async Task<string> ApiTokenAsync(string ehr)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.PostAsync($"{ehr}/sandbox/entra/{Tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ApiClient, ["client_secret"] = ApiSecret, ["scope"] = ApiAudience + "/.default",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sandbox Entra token: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static Dictionary<string, string> AppEnvironment(string connectionString, string issuer, string publicOrigin) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Logging__Format"] = "simple",
        ["Sandbox__Enabled"] = "false",
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__MbcEdu"] = connectionString,
        ["Database__MigrateOnStartup"] = "false",
        ["Smart__AllowedIssuers__0"] = issuer,
        ["Smart__RedirectUri"] = publicOrigin + "/callback",
        ["Smart__Scopes__0"] = "online_access",
        ["Smart__Scopes__1"] = "user/Communication.c",
        ["Smart__RetryCount"] = "0",
        // The launch is set-up here, not what is tested: give the token exchange room on a loaded 2-core CI machine.
        ["Smart__SmartCallDeadline"] = "00:00:40",
        ["Smart__PerTryTimeout"] = "00:00:20",
        ["Smart__PageLoadDeadline"] = "00:00:40",
        ["Deliveries__PublicBaseUrl"] = publicOrigin,
        // The API reads deliveries at the same EHR, with tokens from the sandbox's Entra-shaped tenant over http on
        // loopback (Identity.Web's issuer validator reads metadata over https only, so the issuer is configured).
        ["Entra__Api__Instance"] = issuer[..^"fhir".Length] + "entra/",
        ["Entra__Api__TenantId"] = Tenant,
        ["Entra__Api__ClientId"] = ApiAppId,
        ["Entra__Api__RequireHttpsMetadata"] = "false",
        ["Entra__Api__TokenValidationParameters__ValidIssuer"] = issuer[..^"fhir".Length] + "entra/" + Tenant + "/v2.0",
        ["Api__FhirBase"] = issuer,
        ["Deliveries__PollInterval"] = "00:00:00.500",
        ["Deliveries__Lease"] = Lease.ToString("c"),
        ["Deliveries__SendTimeout"] = SendTimeout.ToString("c"),
        ["Deliveries__RetryBaseDelay"] = "00:00:00.200",
        ["Deliveries__RetryMaxDelay"] = "00:00:01",
    };

    private sealed record Row(DeliveryStatus Status, int Attempts, string? LeaseOwner, string? EhrCommunicationId);

    private static async Task<Row> ReadAsync(string connectionString, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, attempts, lease_owner, ehr_communication_id FROM deliveries WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"delivery {id} is not in the database");
        return new Row((DeliveryStatus)reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <summary>A token of the test's own (standalone launch as the practitioner, PKCE) to read Communications.</summary>
    private static async Task<string> SandboxTokenAsync(string ehr, string issuer)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        const string redirect = "http://127.0.0.1:9/callback"; // never visited: the code is read from the redirect
        var authorize = $"{ehr}/sandbox/auth/authorize?response_type=code&client_id=mbcedu-dev&redirect_uri={Uri.EscapeDataString(redirect)}"
                        + $"&scope={Uri.EscapeDataString("openid fhirUser user/Communication.rs")}&state=test-{Guid.NewGuid():N}&aud={Uri.EscapeDataString(issuer)}"
                        + $"&code_challenge={challenge}&code_challenge_method=S256&sandbox_pick={Uri.EscapeDataString("Practitioner/" + Practitioner)}";
        var code = Query(await new LoopbackBrowser().RedirectAsync(authorize), "code");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.PostAsync($"{ehr}/sandbox/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["client_id"] = "mbcedu-dev", ["code_verifier"] = verifier,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sandbox token: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The ids of the Communications the sandbox holds with the delivery's identifier.</summary>
    private static async Task<IReadOnlyList<string>> CommunicationsAsync(string issuer, string token, Guid deliveryId)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{issuer}/Communication?identifier={Uri.EscapeDataString($"{DeliveryIdSystem}|{deliveryId:D}")}");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Accept.ParseAdd("application/fhir+json");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Communication search: {(int)response.StatusCode} {body}");
        using var bundle = JsonDocument.Parse(body);
        return bundle.RootElement.TryGetProperty("entry", out var entries)
            ? [.. entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!)]
            : [];
    }

    private static string WorkerOwner(ServerProcess server)
    {
        var match = OwnerLine().Match(server.Output);
        return match.Success ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException($"{server.Name} logged no outbox worker start:\n{Tail(server.Output, 50)}");
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    private static string Dll(string key) => WebAppProcess.AssemblyMetadata(key);

    private static string Base(Uri origin) => origin.GetLeftPart(UriPartial.Authority);

    private static string Query(Uri url, string name) =>
        System.Web.HttpUtility.ParseQueryString(url.Query)[name] ?? throw new Xunit.Sdk.XunitException($"{url.GetLeftPart(UriPartial.Path)} has no {name} parameter");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    [GeneratedRegex("data-delivery=\"([0-9a-f-]{36})\" data-delivery-material=\"([^\"]*)\"")]
    private static partial Regex HistoryRow();

    [GeneratedRegex(@"Outbox worker (\S+) started")]
    private static partial Regex OwnerLine();

    /// <summary>
    /// Follows redirects by hand across the loopback processes, with one cookie jar for 127.0.0.1 as a browser has
    /// (cookies are not port-bound; the app's cookies are Secure, which browsers accept from loopback over http).
    /// </summary>
    private sealed class LoopbackBrowser
    {
        private readonly Dictionary<string, string> _cookies = [];
        private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

        public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

        public void Forget(string name) => _cookies.Remove(name);

        public void Remember(string name, string value) => _cookies[name] = value;

        /// <summary>GETs <paramref name="url"/>, which must answer a redirect; returns where to.</summary>
        public async Task<Uri> RedirectAsync(string url)
        {
            using var response = await SendAsync(url);
            if ((int)response.StatusCode is < 300 or > 399 || response.Headers.Location is not { } location)
                throw new Xunit.Sdk.XunitException($"{new Uri(url).GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}, not a redirect:\n{Truncate(await response.Content.ReadAsStringAsync())}");
            return location.IsAbsoluteUri ? location : new Uri(new Uri(url), location);
        }

        public async Task<(HttpStatusCode Status, string Body)> GetAsync(string url)
        {
            using var response = await SendAsync(url);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        /// <summary>POSTs <paramref name="content"/> (not following a redirect); returns the status, Location and body.</summary>
        public async Task<(HttpStatusCode Status, Uri? Location, string Body)> PostAsync(string url, HttpContent content)
        {
            using var response = await SendAsync(url, HttpMethod.Post, content);
            return (response.StatusCode, response.Headers.Location, await response.Content.ReadAsStringAsync());
        }

        private async Task<HttpResponseMessage> SendAsync(string url, HttpMethod? method = null, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method ?? HttpMethod.Get, url) { Content = content };
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await _http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var header in setCookies)
                {
                    var pair = header.Split(';')[0];
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) continue;
                    var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                    if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                    else _cookies[name] = value;
                }
            }
            return response;
        }

        private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
    }
}

/// <summary>Runs alone, after the other test collections: three server processes and PostgreSQL would otherwise
/// compete for the machine's cores with the chromium tests (and slow both past their timeouts).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiReplicaCollection
{
    public const string Name = "multi-replica processes";
}
