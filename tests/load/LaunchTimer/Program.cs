using System.Diagnostics;
using System.Globalization;
using System.Net;

// A browser-free SMART launch, timed hop by hop (tests/load/launch-to-first-page.sh). Usage:
//   LaunchTimer ORIGIN PATIENT LAUNCHES [ehr|portal]
// Each launch: the sandbox EHR creates a launch (GET {ORIGIN}/sandbox/launch-portal or launch-ehr; not timed: that is
// the EHR's own page), then the clock starts at the app's /launch?iss=...&launch=... and every redirect is followed
// (/launch -> the sandbox's /auth/authorize -> /callback -> /app/l/{ctx}) until the page answers 200. Cookies are kept
// by hand as name=value (the app's are Secure/Partitioned, which HttpClient's container would not send over http);
// each launch is a new browser. Prints one line per launch:
//   launch N total_ms launch_ms authorize_ms callback_ms page_ms token_ms fhir_ms requests materials
// token_ms and fhir_ms are the app's own Server-Timing figures (the token call inside /callback; the FHIR wave of the
// page), -1 when absent. A launch that does not end on a rendered page prints "failed N why" instead, and the next one
// starts; the exit code is 1 only when no launch succeeded.
if (args.Length < 3) { Console.Error.WriteLine("usage: LaunchTimer ORIGIN PATIENT LAUNCHES [ehr|portal]"); return 2; }
var origin = args[0].TrimEnd('/');
var patient = args[1];
var launches = int.Parse(args[2], CultureInfo.InvariantCulture);
var kind = args.Length > 3 ? args[3] : "portal";
using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    Timeout = TimeSpan.FromSeconds(60),
};

var jar = new Dictionary<string, string>(StringComparer.Ordinal);
var succeeded = 0;
for (var n = 1; n <= launches; n++)
{
    string? failure;
    try { failure = await LaunchAsync(n); }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { failure = e.GetType().Name + ": " + e.Message; }
    if (failure is not null) Console.WriteLine($"failed {n} {failure}");
    else succeeded++;
}
return succeeded > 0 ? 0 : 1;

async Task<string?> LaunchAsync(int n)
{
    jar.Clear();
    var start = $"{origin}/sandbox/launch-{kind}?patient={Uri.EscapeDataString(patient)}&app={Uri.EscapeDataString(origin + "/launch")}";
    var (status, location, _, _) = await GetAsync(start);
    if (status != 302 || location is null || !location.AbsolutePath.EndsWith("/launch", StringComparison.Ordinal))
        return $"the sandbox did not send the browser to /launch ({status})";

    var hops = new List<(string Step, double Ms)>();
    string? tokenMs = null, fhirMs = null, requests = null;
    var total = Stopwatch.StartNew();
    var url = location;
    string body = "";
    for (var hop = 0; ; hop++)
    {
        if (hop > 8) return "more than 8 redirects";
        var watch = Stopwatch.StartNew();
        (status, location, var timing, body) = await GetAsync(url.AbsoluteUri);
        hops.Add((Step(url), watch.Elapsed.TotalMilliseconds));
        foreach (var entry in timing)
        {
            if (entry.StartsWith("token;", StringComparison.Ordinal)) tokenMs = Dur(entry);
            if (entry.StartsWith("fhir;", StringComparison.Ordinal)) { fhirMs = Dur(entry); requests = Desc(entry); }
        }
        if (status == 200) break;
        if (status is not (301 or 302 or 303 or 307) || location is null) return $"{Step(url)} answered {status}";
        url = location;
    }
    var elapsed = total.Elapsed.TotalMilliseconds;
    if (!url.AbsolutePath.StartsWith("/app", StringComparison.Ordinal)) return $"the launch ended on {Step(url)}";
    var materials = CountOf(body, "data-material=");
    if (materials == 0) return "the first page lists no materials";
    double Of(string step) => hops.Where(h => h.Step == step).Sum(h => h.Ms);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"launch {n} {elapsed:0.0} {Of("launch"):0.0} {Of("authorize"):0.0} {Of("callback"):0.0} {Of("page"):0.0} {tokenMs ?? "-1"} {fhirMs ?? "-1"} {requests ?? "-"} {materials}"));
    return null;
}

async Task<(int Status, Uri? Location, List<string> ServerTiming, string Body)> GetAsync(string url)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    if (jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => c.Key + "=" + c.Value)));
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
    {
        foreach (var cookie in cookies)
        {
            var pair = cookie.Split(';', 2)[0];
            var eq = pair.IndexOf('=');
            if (eq > 0) jar[pair[..eq].Trim()] = pair[(eq + 1)..];
        }
    }
    var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToList() : [];
    var location = response.Headers.Location is { } l ? new Uri(new Uri(url), l) : null;
    return ((int)response.StatusCode, location, timing, body);
}

static string Step(Uri url) => url.AbsolutePath switch
{
    "/launch" => "launch",
    "/callback" => "callback",
    var p when p.EndsWith("/auth/authorize", StringComparison.Ordinal) => "authorize",
    var p when p.StartsWith("/app", StringComparison.Ordinal) => "page",
    var p => p,
};

static string? Dur(string entry) =>
    entry.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal))?[4..];

static string? Desc(string entry) =>
    entry.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("desc=", StringComparison.Ordinal)) is { } d
        ? d[5..].Trim('"').Split(' ')[0] : null;

static int CountOf(string text, string what)
{
    int count = 0, at = 0;
    while ((at = text.IndexOf(what, at, StringComparison.Ordinal)) >= 0) { count++; at += what.Length; }
    return count;
}
