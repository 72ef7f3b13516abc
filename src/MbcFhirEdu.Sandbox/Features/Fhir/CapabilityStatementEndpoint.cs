using Hl7.Fhir.Model;
using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary><c>GET {prefix}/fhir/metadata</c>: the CapabilityStatement, with the SMART <c>oauth-uris</c> extension
/// kept for clients that fall back from <c>.well-known/smart-configuration</c>.</summary>
internal static class CapabilityStatementEndpoint
{
    private const string OAuthUris = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private const string BulkData = "http://hl7.org/fhir/uv/bulkdata/";

    public static FhirJsonResult Get(HttpContext context, TimeProvider time)
    {
        var urls = SandboxUrls.From(context);
        var security = new CapabilityStatement.SecurityComponent
        {
            Service =
            [
                new CodeableConcept
                {
                    Coding = [new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
                    Text = "OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)",
                },
            ],
        };
        var oauth = new Extension { Url = OAuthUris };
        oauth.AddExtension("authorize", new FhirUri(urls.Authorize));
        oauth.AddExtension("token", new FhirUri(urls.Token));
        security.Extension.Add(oauth);

        return FhirJsonResult.Resource(new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "MbcFhirEdu sandbox",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "MbcFhirEdu Sandbox EHR" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Development EHR with synthetic patients", Url = urls.FhirBase },
            FhirVersion = FHIRVersion.N4_0_1,
            // Bulk Data Access 2.0: Patient/$export and Group/[id]/$export (Features/Bulk).
            Instantiates = [BulkData + "CapabilityStatement/bulk-data"],
            Format = ["json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Security = security,
                    Resource =
                    [
                        .. SearchParameters.ByType.Select(t => Resource(t.Key, t.Value)),
                        new CapabilityStatement.ResourceComponent { Type = "Group", Operation = [Export("group-export")] },
                    ],
                },
            ],
        });
    }

    private static CapabilityStatement.ResourceComponent Resource(string type, IReadOnlyList<SearchParameter> parameters)
    {
        var communication = type == "Communication";
        CapabilityStatement.TypeRestfulInteraction[] interactions = communication
            ? [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create]
            : [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType];
        return new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Operation = type == "Patient" ? [Export("patient-export")] : [],
            Interaction = [.. interactions.Select(code => new CapabilityStatement.ResourceInteractionComponent { Code = code })],
            ConditionalCreate = communication,
            SearchParam = [.. parameters.Select(p => new CapabilityStatement.SearchParamComponent
            {
                Name = p.Name,
                Type = p.Kind is SearchKind.PatientReference ? SearchParamType.Reference : SearchParamType.Token,
            })],
        };
    }

    private static CapabilityStatement.OperationComponent Export(string definition) =>
        new() { Name = "export", Definition = BulkData + "OperationDefinition/" + definition };
}
