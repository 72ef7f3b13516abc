using System.Diagnostics;
using System.Net;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Tests.Support;
using Polly.CircuitBreaker;

namespace MbcFhirEdu.Fhir.Tests.Http;

/// <summary>The platform resilience handler as <c>AddSmartOnFhir</c> configures it: retries, Retry-After, timeouts, scoped breakers.</summary>
public sealed class FhirResilienceTests
{
    private static HttpRequestMessage Get(string url = FhirTestHost.Base + "/Patient/p1") => new(HttpMethod.Get, url);

    [Fact]
    public async Task ServiceUnavailableThenSuccess_IsRetriedAndSucceeds()
    {
        using var host = new FhirTestHost();
        host.RespondInTurn(() => Responses.Status(HttpStatusCode.ServiceUnavailable), () => Responses.Status(HttpStatusCode.OK));
        using var response = await host.Http.SendAsync(Get());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, host.Server.Requests.Count);
        Assert.Equal(2, host.Counter.Attempts);
    }

    [Fact]
    public async Task NetworkErrorThenSuccess_IsRetried()
    {
        using var host = new FhirTestHost();
        var calls = 0;
        host.Server.Respond = (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new HttpRequestException("connection reset")
            : Responses.Status(HttpStatusCode.OK).AsTask();
        using var response = await host.Http.SendAsync(Get());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task TooManyRequests_WaitsAsLongAsRetryAfterAsks()
    {
        using var host = new FhirTestHost(o => o.RetryAfterCap = TimeSpan.FromSeconds(5));
        host.RespondInTurn(() => WithRetryAfter(TimeSpan.FromSeconds(1)), () => Responses.Status(HttpStatusCode.OK));
        var clock = Stopwatch.StartNew();
        using var response = await host.Http.SendAsync(Get());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task TooManyRequests_RetryAfterBeyondTheCap_WaitsOnlyTheCap()
    {
        using var host = new FhirTestHost(o => o.RetryAfterCap = TimeSpan.FromMilliseconds(300));
        host.RespondInTurn(() => WithRetryAfter(TimeSpan.FromHours(1)), () => Responses.Status(HttpStatusCode.OK));
        var clock = Stopwatch.StartNew();
        using var response = await host.Http.SendAsync(Get());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void RetryAfter_HttpDateAndDelta_AreReadAndCapped()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var cap = TimeSpan.FromMinutes(2);
        using var date = Responses.Status(HttpStatusCode.TooManyRequests);
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(90).ToString("R"));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Delay(date, now, cap));
        using var past = Responses.Status(HttpStatusCode.TooManyRequests);
        past.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(-5).ToString("R"));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Delay(past, now, cap));
        Assert.Equal(cap, RetryAfter.Delay(WithRetryAfter(TimeSpan.FromHours(3)), now, cap));
        Assert.Null(RetryAfter.Delay(Responses.Status(HttpStatusCode.ServiceUnavailable), now, cap));
    }

    [Fact]
    public async Task PerTryTimeout_ThenSuccess_IsRetried()
    {
        using var host = new FhirTestHost(o => o.PerTryTimeout = TimeSpan.FromMilliseconds(300));
        var calls = 0;
        host.Server.Respond = async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1) await Task.Delay(Timeout.Infinite, ct);
            return Responses.Status(HttpStatusCode.OK);
        };
        using var response = await host.Http.SendAsync(Get());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Post_IsNotRetried()
    {
        using var host = new FhirTestHost();
        host.RespondInTurn(() => Responses.Status(HttpStatusCode.ServiceUnavailable), () => Responses.Status(HttpStatusCode.OK));
        using var response = await host.Http.PostAsync("https://ehr.example.org/auth/token", new StringContent("grant_type=x"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(host.Server.Requests);
    }

    [Fact]
    public async Task ConditionalCreate_MarkedRetrySafe_IsRetried()
    {
        using var host = new FhirTestHost();
        host.RespondInTurn(() => Responses.Status(HttpStatusCode.ServiceUnavailable), () => Responses.Status(HttpStatusCode.Created));
        using var request = new HttpRequestMessage(HttpMethod.Post, FhirTestHost.Base + "/Communication") { Content = new StringContent("{}") };
        request.Options.Set(FhirRequestOptions.RetrySafeKey, true);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, host.Server.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task ServerWideFailures_OpenTheCircuit_AndLaterCallsAreNotSent(HttpStatusCode status)
    {
        using var host = new FhirTestHost(Breaker);
        host.Server.Respond = (_, _) => Responses.Status(status).AsTask();
        (await host.Http.SendAsync(Get())).Dispose();
        (await host.Http.SendAsync(Get())).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => host.Http.SendAsync(Get()));
        Assert.Equal(2, host.Server.Requests.Count);
    }

    [Fact]
    public async Task ConnectionFailures_OpenTheCircuit()
    {
        using var host = new FhirTestHost(Breaker);
        host.Server.Respond = (_, _) => throw new HttpRequestException("connection refused");
        for (var i = 0; i < 2; i++) await Assert.ThrowsAsync<HttpRequestException>(() => host.Http.SendAsync(Get()));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => host.Http.SendAsync(Get()));
    }

    [Fact]
    public async Task InternalServerErrors_OfOneSearch_NeverOpenTheCircuit()
    {
        // A 500 says this request failed (often for one patient's data); the server is up and answering the others.
        using var host = new FhirTestHost(Breaker);
        host.Server.Respond = (request, _) => (request.RequestUri!.Query.Contains("patient=a", StringComparison.Ordinal)
            ? Responses.Status(HttpStatusCode.InternalServerError) : Responses.Status(HttpStatusCode.OK)).AsTask();
        for (var i = 0; i < 10; i++) (await host.Http.SendAsync(Get(FhirTestHost.Base + "/Condition?patient=a"))).Dispose();
        using var other = await host.Http.SendAsync(Get(FhirTestHost.Base + "/Condition?patient=b"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task OpenCircuit_OfOneFhirBase_DoesNotBlockAnother()
    {
        using var host = new FhirTestHost(Breaker);
        host.Server.Respond = (request, _) => (request.RequestUri!.Host == "ehr.example.org"
            ? Responses.Status(HttpStatusCode.ServiceUnavailable) : Responses.Status(HttpStatusCode.OK)).AsTask();
        for (var i = 0; i < 2; i++) (await host.Http.SendAsync(Get())).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => host.Http.SendAsync(Get()));
        using var other = await host.Http.SendAsync(Get("https://other-ehr.example.org/fhir/Patient/p1"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task OpenFhirCircuit_DoesNotBlockTheSameIssuersTokenEndpoint()
    {
        using var host = new FhirTestHost(Breaker);
        host.Server.Respond = (request, _) => (request.Method == HttpMethod.Get
            ? Responses.Status(HttpStatusCode.ServiceUnavailable) : Responses.Status(HttpStatusCode.OK)).AsTask();
        for (var i = 0; i < 2; i++) (await host.Http.SendAsync(Scoped(HttpMethod.Get, FhirTestHost.Base + "/Condition?patient=a"))).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => host.Http.SendAsync(Scoped(HttpMethod.Get, FhirTestHost.Base + "/Condition?patient=a")));

        using var token = await host.SmartHttp.SendAsync(Scoped(HttpMethod.Post, "https://ehr.example.org/auth/token"));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    // As the clients send them: every SMART and FHIR call names the issuer it belongs to.
    private static HttpRequestMessage Scoped(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Options.Set(FhirRequestOptions.BreakerScope, FhirTestHost.Base);
        return request;
    }

    private static void Breaker(Fhir.Smart.SmartClientOptions o)
    {
        o.RetryCount = 0;
        o.CircuitBreakerMinimumThroughput = 2;
        o.CircuitBreakerFailureRatio = 0.5;
        o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
    }

    [Fact]
    public async Task BodyStillStreaming_IsNotCutOffWhenALaterRequestIsCancelled()
    {
        // The handler below keeps watching the token it was given while the body streams, as the test server does.
        using var host = new FhirTestHost();
        host.Server.Respond = async (request, ct) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/slow", StringComparison.Ordinal)) await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new WatchingStream(ct)) };
        };
        using var first = await host.Http.SendAsync(Get(), HttpCompletionOption.ResponseHeadersRead);

        using var caller = new CancellationTokenSource();
        var second = host.Http.SendAsync(Get(FhirTestHost.Base + "/slow"), caller.Token);
        await Task.Delay(50);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

        Assert.Equal(3, (await first.Content.ReadAsByteArrayAsync()).Length);
    }

    private sealed class WatchingStream(CancellationToken watched) : MemoryStream([1, 2, 3])
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            watched.IsCancellationRequested ? throw new IOException("The client aborted the request.") : base.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    [Fact]
    public async Task CallersDeadline_StopsTheWaitBetweenTries()
    {
        using var host = new FhirTestHost(o => o.RetryAfterCap = TimeSpan.FromSeconds(30));
        host.Server.Respond = (_, _) => WithRetryAfter(TimeSpan.FromSeconds(30)).AsTask();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Http.SendAsync(Get(), deadline.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Single(host.Server.Requests);
    }

    private static HttpResponseMessage WithRetryAfter(TimeSpan wait)
    {
        var response = Responses.Status(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        return response;
    }
}
