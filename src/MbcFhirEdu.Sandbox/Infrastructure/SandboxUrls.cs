namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>Every URL the sandbox emits, built from the request's scheme, host, path base and the mapped prefix.</summary>
internal sealed class SandboxUrls
{
    private SandboxUrls(string root) => Root = root;

    /// <summary>e.g. <c>http://localhost:5090/sandbox</c>.</summary>
    public string Root { get; }
    public string FhirBase => Root + "/fhir";
    /// <summary>The OpenID Connect issuer is the FHIR base, so <c>{iss}/.well-known/openid-configuration</c> resolves.</summary>
    public string Issuer => FhirBase;
    public string Authorize => Root + "/auth/authorize";
    public string Token => Root + "/auth/token";
    public string Jwks => Root + "/auth/jwks";
    public string SmartStyle => Root + "/smart-style.json";

    public static SandboxUrls From(HttpContext context)
    {
        var prefix = context.GetEndpoint()?.Metadata.GetMetadata<SandboxPrefix>()?.Value ?? "";
        var request = context.Request;
        return new SandboxUrls($"{request.Scheme}://{request.Host}{request.PathBase}{prefix}");
    }

    /// <summary>Absolute URL of a FHIR resource, e.g. the <c>fhirUser</c> claim.</summary>
    public string Resource(string relativeReference) => $"{FhirBase}/{relativeReference}";
}
