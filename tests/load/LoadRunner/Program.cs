using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// The load scripts' HTTP client. Commands:
//   keygen DIR                       an ES256 CDS client key: DIR/client-key.pem (private) and DIR/client-jwks.json (public)
//   cds-body BUNDLE PATIENT OUT [all] a patient-view request whose prefetch is built from a Bundle's resources (PATIENT
//                                    "-": the Bundle's Patient id; "all": every Observation under labs, not only laboratory)
//   firely BODY [ROUNDS]             the floor of a CDS call on BODY: Firely alone deserializing its prefetch values
//                                    (BackwardsCompatible, as the app reads them); prints the median wall and CPU ms
//   jwt KEY ISS AUD                  prints one signed CDS client JWT (for curl)
//   run NAME URL [options]           closed-loop load: CONNECTIONS concurrent requests for DURATION seconds after WARMUP
//                                    seconds; prints "NAME rps p50_ms p99_ms errors seen": seen is what the measured
//                                    phase's failures got, e.g. "429:5120,timeout:2" ("-" when none)
// run options: --connections N --duration S --warmup S --cookie VALUE --body FILE (POST application/json)
//              --jwt KEY ISS AUD (a fresh JWT with a new jti on every request, as a CDS client sends)
//              --pid PID (also prints, on stderr, the CPU time process PID used per request during the measured phase:
//              user + system from /proc/PID/stat; steadier than throughput on a shared machine)
return args.FirstOrDefault() switch
{
    "keygen" => KeyGen(args[1]),
    "cds-body" => CdsBody(args[1], args[2], args[3], args.ElementAtOrDefault(4) == "all"),
    "firely" => FirelyFloor.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20),
    "jwt" => PrintJwt(args[1], args[2], args[3]),
    "run" => await RunAsync(args[1], args[2], Options(args.Skip(3).ToArray())),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: keygen DIR | cds-body BUNDLE PATIENT OUT [all] | firely BODY [ROUNDS] | jwt KEY ISS AUD | run NAME URL [--connections N --duration S --warmup S --cookie V --body FILE --jwt KEY ISS AUD]");
    return 2;
}

static int KeyGen(string dir)
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var p = key.ExportParameters(false);
    File.WriteAllText(Path.Combine(dir, "client-key.pem"), key.ExportPkcs8PrivateKeyPem());
    var jwk = new JsonObject
    {
        ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "load-1", ["use"] = "sig", ["alg"] = "ES256",
        ["x"] = Base64Url(p.Q.X!), ["y"] = Base64Url(p.Q.Y!),
    };
    File.WriteAllText(Path.Combine(dir, "client-jwks.json"), new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString());
    return 0;
}

// patient-view with the four prefetch keys of CdsDiscovery filled from the Bundle's resources (searchset Bundles).
static int CdsBody(string bundlePath, string patientId, string outPath, bool allObservations)
{
    var bundle = JsonNode.Parse(File.ReadAllText(bundlePath))!;
    var resources = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
    if (patientId == "-") patientId = (string)resources.First(r => (string?)r["resourceType"] == "Patient")["id"]!;
    JsonObject Search(Func<JsonNode, bool> keep) => new()
    {
        ["resourceType"] = "Bundle", ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources.Where(keep).Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]),
    };
    static bool IsLab(JsonNode r) => r["category"]?.AsArray().Any(c => c!["coding"]?.AsArray().Any(x => (string?)x!["code"] == "laboratory") == true) == true;
    var body = new JsonObject
    {
        ["hook"] = "patient-view",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["context"] = new JsonObject { ["userId"] = "Practitioner/load-test", ["patientId"] = patientId },
        ["prefetch"] = new JsonObject
        {
            ["patient"] = resources.First(r => (string?)r["resourceType"] == "Patient").DeepClone(),
            ["conditions"] = Search(r => (string?)r["resourceType"] == "Condition"),
            ["labs"] = Search(r => (string?)r["resourceType"] == "Observation" && (allObservations || IsLab(r))),
            ["reports"] = Search(r => (string?)r["resourceType"] == "DiagnosticReport"),
        },
    };
    File.WriteAllText(outPath, body.ToJsonString());
    var sent = body["prefetch"]!.AsObject().Sum(p => p.Value!["entry"] is JsonArray entries ? entries.Count : 1);
    Console.WriteLine($"{outPath}: {new FileInfo(outPath).Length} bytes, {sent} resources in the prefetch");
    return 0;
}

static int PrintJwt(string keyPath, string issuer, string audience)
{
    using var signer = new JwtSigner(keyPath, issuer, audience);
    Console.WriteLine(signer.Next());
    return 0;
}

static Dictionary<string, string[]> Options(string[] rest)
{
    var options = new Dictionary<string, string[]>(StringComparer.Ordinal);
    for (var i = 0; i < rest.Length; i++)
    {
        var count = rest[i] == "--jwt" ? 3 : 1;
        options[rest[i]] = rest[(i + 1)..(i + 1 + count)];
        i += count;
    }
    return options;
}

static async Task<int> RunAsync(string name, string url, Dictionary<string, string[]> options)
{
    string Get(string key, string fallback) => options.TryGetValue(key, out var v) ? v[0] : fallback;
    var connections = int.Parse(Get("--connections", "16"), CultureInfo.InvariantCulture);
    var duration = TimeSpan.FromSeconds(double.Parse(Get("--duration", "20"), CultureInfo.InvariantCulture));
    var warmup = TimeSpan.FromSeconds(double.Parse(Get("--warmup", "10"), CultureInfo.InvariantCulture));
    var body = options.TryGetValue("--body", out var b) ? File.ReadAllBytes(b[0]) : null;
    var cookie = options.TryGetValue("--cookie", out var c) ? c[0] : null;
    using var signer = options.TryGetValue("--jwt", out var j) ? new JwtSigner(j[0], j[1], j[2]) : null;

    using var client = new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections, UseCookies = false, AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan, AutomaticDecompression = DecompressionMethods.None,
    }) { Timeout = TimeSpan.FromSeconds(30) };

    // What every failed request got: an HTTP status code, or the exception's name (refused connection, timeout).
    var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);

    async Task<int> SendAsync()
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, url);
        if (cookie is not null) request.Headers.TryAddWithoutValidation("Cookie", cookie);
        if (signer is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + signer.Next());
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return (int)response.StatusCode;
    }

    async Task<(List<long> Latencies, int Errors)> LoopAsync(DateTime until)
    {
        var latencies = new List<long>(1 << 16);
        var errors = 0;
        while (DateTime.UtcNow < until)
        {
            var start = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                var status = await SendAsync();
                failure = status is >= 200 and < 300 ? null : status.ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException) { failure = "connection-error"; }
            catch (TaskCanceledException) { failure = "timeout"; }
            latencies.Add(Stopwatch.GetTimestamp() - start);
            if (failure is null) continue;
            errors++;
            failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
        }
        return (latencies, errors);
    }

    async Task<(List<long> Latencies, int Errors, TimeSpan Elapsed)> PhaseAsync(TimeSpan length)
    {
        var started = Stopwatch.GetTimestamp();
        var until = DateTime.UtcNow + length;
        var results = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(() => LoopAsync(until))));
        return ([.. results.SelectMany(r => r.Latencies)], results.Sum(r => r.Errors), Stopwatch.GetElapsedTime(started));
    }

    var pid = options.TryGetValue("--pid", out var p) ? int.Parse(p[0], CultureInfo.InvariantCulture) : (int?)null;
    if (warmup > TimeSpan.Zero) await PhaseAsync(warmup);
    failures.Clear(); // the measured phase's failures only, as its error count
    var cpuBefore = pid is { } before ? CpuSeconds(before) : 0;
    var (all, failed, elapsed) = await PhaseAsync(duration);
    if (pid is { } after && all.Count > 0)
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: app CPU {1000 * (CpuSeconds(after) - cpuBefore) / all.Count:F3} ms per request"));
    all.Sort();
    double Ms(double quantile) => all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)(quantile * all.Count))] * 1000.0 / Stopwatch.Frequency;
    var seen = failures.IsEmpty ? "-" : string.Join(',', failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key}:{f.Value}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {all.Count / elapsed.TotalSeconds:F1} {Ms(0.50):F2} {Ms(0.99):F2} {failed} {seen}"));
    return 0;
}

// utime + stime (fields 14 and 15 of /proc/PID/stat, after the parenthesised name) in seconds; USER_HZ is 100 on Linux.
static double CpuSeconds(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

/// <summary>ES256 CDS client JWTs: iss, sub, aud, iat, exp four minutes later, and a new jti each.</summary>
sealed class JwtSigner : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create();
    private readonly string _header;
    private readonly string _issuer;
    private readonly string _audience;

    public JwtSigner(string keyPath, string issuer, string audience)
    {
        _key.ImportFromPem(File.ReadAllText(keyPath));
        _header = Encode("""{"alg":"ES256","typ":"JWT","kid":"load-1"}"""u8.ToArray());
        _issuer = issuer;
        _audience = audience;
    }

    public string Next()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = _issuer, ["sub"] = _issuer, ["aud"] = _audience, ["iat"] = now, ["exp"] = now + 240, ["jti"] = Guid.NewGuid().ToString("N"),
        });
        var signingInput = _header + "." + Encode(payload);
        return signingInput + "." + Encode(_key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256));
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => _key.Dispose();
}
