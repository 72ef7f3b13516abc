using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>Bodies and answers the loopback server gives in the tests.</summary>
public static class BulkResponses
{
    public static string Manifest(bool requiresAccessToken, IEnumerable<(string Type, Uri Url, int Count)> output,
        IEnumerable<(string Type, Uri Url)>? errors = null, string transactionTime = "2026-12-01T09:30:00.123+00:00") =>
        JsonSerializer.Serialize(new
        {
            transactionTime,
            request = "http://127.0.0.1/fhir/Group/g1/$export",
            requiresAccessToken,
            output = output.Select(o => new { type = o.Type, url = o.Url.AbsoluteUri, count = o.Count }),
            error = (errors ?? []).Select(e => new { type = e.Type, url = e.Url.AbsoluteUri }),
        });

    public static string Outcome(string code, string text, string severity = "error") =>
        JsonSerializer.Serialize(new
        {
            resourceType = "OperationOutcome",
            issue = new[] { new { severity, code, diagnostics = text } },
        });

    public static async Task WriteAsync(HttpContext context, int status, string? body = null, string contentType = "application/fhir+json",
        params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        if (body is null) return;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    /// <summary>Answers a request with the next of <paramref name="answers"/>; the last one repeats.</summary>
    public static Func<HttpContext, Task> InTurn(params Func<HttpContext, Task>[] answers)
    {
        var next = -1;
        return context => answers[Math.Min(Interlocked.Increment(ref next), answers.Length - 1)](context);
    }
}
