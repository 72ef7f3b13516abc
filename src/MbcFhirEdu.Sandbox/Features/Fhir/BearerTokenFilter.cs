using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>401 with an OperationOutcome unless the request carries a valid sandbox access token;
/// otherwise the <see cref="FhirAccess"/> is set as a request feature for the handler.</summary>
internal sealed class BearerTokenFilter(AccessTokenValidator validator, ILogger<BearerTokenFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
            return Deny("a bearer access token is required");
        var access = await validator.ValidateAsync(header[scheme.Length..].Trim(), SandboxUrls.From(http), http.RequestAborted);
        if (access is null) return Deny("the access token is invalid or expired");
        http.Features.Set(access);
        return await next(context);

        FhirJsonResult Deny(string reason)
        {
            logger.FhirDenied(StatusCodes.Status401Unauthorized, http.GetRouteValue("type")?.ToString() ?? "Communication", reason);
            return OperationOutcomes.Unauthorized(reason);
        }
    }
}
