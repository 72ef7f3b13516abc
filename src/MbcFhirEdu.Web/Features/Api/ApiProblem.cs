namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// RFC 9457 problem details (<c>application/problem+json</c>) for the delivery and audit endpoints: <c>title</c> and
/// <c>detail</c> for people, <c>error</c> (a stable code) and, for bad input, <c>field</c> naming what was wrong.
/// </summary>
internal static class ApiProblem
{
    /// <param name="title">Overrides the status's usual title.</param>
    public static IResult Of(int status, string error, string detail, string? field = null, string? title = null)
    {
        var extensions = new Dictionary<string, object?> { ["error"] = error };
        if (field is not null) extensions["field"] = field;
        return TypedResults.Problem(detail, statusCode: status, title: title ?? Title(status), extensions: extensions);
    }

    private static string Title(int status) => status switch
    {
        400 => "The request is not valid",
        404 => "Not found",
        409 or 422 => "The Idempotency-Key was already used for another request",
        413 => "The request body is too large",
        415 => "Unsupported media type",
        _ => "The request could not be completed",
    };
}
