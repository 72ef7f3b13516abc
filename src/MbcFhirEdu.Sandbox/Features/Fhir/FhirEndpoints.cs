using MbcFhirEdu.Sandbox.Features.Faults;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>The read-only FHIR R4 server (plus Communication create) under <c>{prefix}/fhir</c>.</summary>
internal static class FhirEndpoints
{
    public static void MapFhirEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/fhir/metadata", CapabilityStatementEndpoint.Get);

        var data = group.MapGroup("/fhir").WithFaults(FaultTarget.Fhir).AddEndpointFilter<BearerTokenFilter>();
        data.MapGet("/{type}", FhirReadEndpoints.Search);
        data.MapGet("/{type}/{id}", FhirReadEndpoints.Read);
        data.MapPost("/Communication", CommunicationEndpoint.CreateAsync).DisableAntiforgery().WithFaults(FaultTarget.CommunicationWrite);
    }
}
