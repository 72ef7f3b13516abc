using System.Net;
using System.Text;
using System.Text.Json;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>Canned HTTP responses.</summary>
public static class Responses
{
    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Fhir(object body, HttpStatusCode status = HttpStatusCode.OK) => Json(body, status, "application/fhir+json");

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status);

    public static Task<HttpResponseMessage> AsTask(this HttpResponseMessage response) => Task.FromResult(response);

    /// <summary>A searchset Bundle with the given resources and an optional next link.</summary>
    public static object Bundle(IEnumerable<object> resources, string? next = null) => new
    {
        resourceType = "Bundle",
        type = "searchset",
        link = next is null ? new object[] { new { relation = "self", url = "x" } } : [new { relation = "self", url = "x" }, new { relation = "next", url = next }],
        entry = resources.Select(r => new { resource = r, search = new { mode = "match" } }).ToArray(),
    };

    public static object Observation(string id) => new { resourceType = "Observation", id, status = "final" };
}
