using System.Text.Json;
using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary><c>GET {prefix}/fhir/metadata</c>: the CapabilityStatement, with the SMART <c>oauth-uris</c> extension
/// kept for clients that fall back from <c>.well-known/smart-configuration</c>.</summary>
internal static class CapabilityStatementEndpoint
{
    public static FhirJsonResult Get(HttpContext context, TimeProvider time)
    {
        var urls = SandboxUrls.From(context);
        var statement = new
        {
            resourceType = "CapabilityStatement",
            status = "active",
            date = time.GetUtcNow().ToString("yyyy-MM-dd"),
            publisher = "MbcFhirEdu sandbox",
            kind = "instance",
            software = new { name = "MbcFhirEdu Sandbox EHR" },
            implementation = new { description = "Development EHR with synthetic patients", url = urls.FhirBase },
            fhirVersion = "4.0.1",
            format = new[] { "json" },
            rest = new[]
            {
                new
                {
                    mode = "server",
                    security = new
                    {
                        extension = new[]
                        {
                            new
                            {
                                url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                                extension = new[]
                                {
                                    new { url = "authorize", valueUri = urls.Authorize },
                                    new { url = "token", valueUri = urls.Token },
                                },
                            },
                        },
                        service = new[]
                        {
                            new
                            {
                                coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/restful-security-service", code = "SMART-on-FHIR" } },
                                text = "OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)",
                            },
                        },
                    },
                    resource = SearchParameters.ByType.Select(t => new
                    {
                        type = t.Key,
                        interaction = (t.Key == "Communication" ? new[] { "read", "search-type", "create" } : ["read", "search-type"])
                            .Select(code => new { code }).ToArray(),
                        conditionalCreate = t.Key == "Communication",
                        searchParam = t.Value.Select(p => new { name = p.Name, type = p.Kind is SearchKind.PatientReference ? "reference" : "token" }).ToArray(),
                    }).ToArray(),
                },
            },
        };
        return new FhirJsonResult(StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(statement, SandboxJson.Options));
    }
}
