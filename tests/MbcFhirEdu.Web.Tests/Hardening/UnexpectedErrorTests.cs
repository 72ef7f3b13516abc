using System.Net;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Web.Infrastructure.Errors;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Hardening;

/// <summary>
/// Issue 15 item 1: an exception no endpoint handled is a 500 in the caller's error shape with a trace id and nothing
/// of the exception (message, type, stack); a request ASP.NET could not read is the caller's 4xx, naming what was wrong.
/// </summary>
public sealed class UnexpectedErrorTests
{
    private const string Secret = "secret detail from /home/build/src/Store.cs";

    [Fact]
    public async Task An_exception_behind_a_json_route_is_a_500_problem_with_a_trace_id_and_no_detail()
    {
        await using var app = WebAppFactory.With(new Dictionary<string, string?> { ["CdsHooks:RequireAuthentication"] = "false" },
            services => services.AddSingleton<ICdsFeedbackStore, ThrowingFeedbackStore>());
        var body = $$"""{"feedback":[{"card":"{{Guid.NewGuid()}}","outcome":"accepted","outcomeTimestamp":"2026-12-06T10:00:00Z"}]}""";

        using var response = await app.CreateClient().PostAsync("/cds-services/mbc-education/feedback", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.False(problem.TryGetProperty("detail", out _));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        // The error response keeps the security headers the handler's Response.Clear() used to drop.
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // The log has the exception's type and where it was thrown, never its message.
        Assert.Contains(app.Logs.Lines, l => l.Contains("Unhandled System.InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/fhir/Patient/p1/$education", null, "application/fhir+json")]
    [InlineData("/api/v1/patients/p1/recommendations", "text/html", "application/problem+json")]
    [InlineData("/cds-services/mbc-education", "text/html", "application/problem+json")]
    [InlineData("/coordinator", "application/json", "application/problem+json")]
    [InlineData("/coordinator", "text/html,application/xhtml+xml", "text/html")]
    public async Task The_handler_answers_in_the_routes_shape_and_never_with_the_exception(string path, string? accept, string mediaType)
    {
        await using var app = new WebAppFactory();
        var (status, contentType, body) = await HandleAsync(app, path, accept, new InvalidOperationException(Secret));

        Assert.Equal(500, status);
        Assert.Equal(mediaType, contentType);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\.cs\b|\bat \w+\.", body); // no source file, no stack frame
        Assert.Contains(mediaType == "application/fhir+json" ? "\"exception\"" : "An unexpected error occurred", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_aspnet_cannot_read_keeps_its_status_and_says_why()
    {
        await using var app = new WebAppFactory();

        var (status, contentType, body) = await HandleAsync(app, "/api/v1/patients/p1/deliveries", null,
            new BadHttpRequestException("Request body too large. The max request body size is 30000000 bytes.", 413));

        Assert.Equal(413, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal("Request body too large. The max request body size is 30000000 bytes.", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_form_the_reader_cannot_read_is_400_not_500()
    {
        await using var app = new WebAppFactory();

        var (status, _, body) = await HandleAsync(app, "/coordinator/send", null, new InvalidDataException("Missing content-type boundary."),
            contentType: "multipart/form-data");

        Assert.Equal(400, status);
        Assert.Contains("Missing content-type boundary.", body, StringComparison.Ordinal);
    }

    public static TheoryData<Exception> DatabaseOutages() =>
    [
        new Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException("Maximum number of retries (6) exceeded", new TimeoutException(Secret)),
        new TransientDbException(),
    ];

    [Theory]
    [MemberData(nameof(DatabaseOutages))]
    public async Task A_database_that_did_not_answer_is_503_with_retry_after_not_500(Exception outage)
    {
        await using var app = new WebAppFactory();

        var (status, contentType, body, retryAfter) = await HandleWithHeadersAsync(app, "/api/v1/patients/p1/deliveries", outage);

        Assert.Equal(503, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal("5", retryAfter);
        Assert.Equal("database_unavailable", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.Contains("Database unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_error_that_is_not_transient_stays_a_500()
    {
        await using var app = new WebAppFactory();

        var (status, _, _, retryAfter) = await HandleWithHeadersAsync(app, "/api/v1/patients/p1/deliveries", new TransientDbException(transient: false));

        Assert.Equal(500, status);
        Assert.Null(retryAfter);
    }

    private static async Task<(int Status, string? ContentType, string Body, string? RetryAfter)> HandleWithHeadersAsync(
        WebAppFactory app, string path, Exception exception)
    {
        string? retryAfter = null;
        var (status, contentType, body) = await HandleAsync(app, path, null, exception,
            inspect: context => retryAfter = context.Response.Headers.RetryAfter.Count == 0 ? null : context.Response.Headers.RetryAfter.ToString());
        return (status, contentType, body, retryAfter);
    }

    private sealed class TransientDbException(bool transient = true) : System.Data.Common.DbException(Secret)
    {
        public override bool IsTransient => transient;
    }

    /// <summary>Runs the app's exception handler on a request to <paramref name="path"/> that threw <paramref name="exception"/>.</summary>
    private static async Task<(int Status, string? ContentType, string Body)> HandleAsync(
        WebAppFactory app, string path, string? accept, Exception exception, string? contentType = null, Action<HttpContext>? inspect = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        if (accept is not null) context.Request.Headers.Accept = accept;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var handler = ActivatorUtilities.CreateInstance<AppExceptionHandler>(scope.ServiceProvider);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));
        inspect?.Invoke(context);

        return (context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private sealed class ThrowingFeedbackStore : ICdsFeedbackStore
    {
        public Task AddAsync(CdsFeedbackRecord feedback, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);

        public Task<IReadOnlyList<CdsFeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);
    }
}
