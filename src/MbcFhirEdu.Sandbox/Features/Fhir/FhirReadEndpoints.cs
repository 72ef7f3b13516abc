using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary><c>GET {prefix}/fhir/{type}/{id}</c> and <c>GET {prefix}/fhir/{type}?…</c>.</summary>
internal static class FhirReadEndpoints
{
    public static FhirJsonResult Read(HttpContext context, string type, string id, FhirDataStore data, CommunicationStore communications, ILogger<FhirDataStore> logger)
    {
        if (!SearchParameters.ByType.ContainsKey(type)) return OperationOutcomes.Create(404, "not-supported", $"resource type {type} is not served by this sandbox");
        var decision = AccessDecision.Decide(context.Features.GetRequiredFeature<FhirAccess>(), type, 'r');
        if (decision.Denied is { } denied) return Forbid(logger, type, denied);
        var resource = type == "Communication" ? communications.Find(id) : data.Find(type, id);
        if (resource is null) return OperationOutcomes.NotFound($"{type}/{id} does not exist");
        return decision.CheckResource(resource) is { } refused ? Forbid(logger, type, refused) : FhirJsonResult.Resource(resource);
    }

    public static FhirJsonResult Search(HttpContext context, string type, FhirDataStore data, CommunicationStore communications,
        IOptions<SandboxOptions> options, TimeProvider time, ILogger<FhirDataStore> logger)
    {
        if (!SearchParameters.ByType.ContainsKey(type)) return OperationOutcomes.Create(404, "not-supported", $"resource type {type} is not served by this sandbox");
        var decision = AccessDecision.Decide(context.Features.GetRequiredFeature<FhirAccess>(), type, 's');
        if (decision.Denied is { } denied) return Forbid(logger, type, denied);
        var search = SearchRequest.Parse(type, context.Request.Query, options.Value, out var error);
        if (error is not null) return OperationOutcomes.Invalid(error);
        if (decision.CheckSearch(search.Parameters) is { } refused) return Forbid(logger, type, refused);

        var compartment = AccessDecision.PatientCompartmentTypes.Contains(type) ? decision.CompartmentPatientId : null;
        if (compartment is not null && search.Parameters.Any(p => p.Key is "patient" or "subject" && FhirReference.PatientId(p.Value) != compartment))
            return Forbid(logger, type, "the search names a patient outside the token's patient context");

        var source = type == "Communication" ? communications.Snapshot() : data.All(type);
        var matches = source
            .Where(r => compartment is null || r.PatientId == compartment)
            .Where(r => search.Parameters.All(p => SearchParameters.Matches(r, SearchParameters.Find(type, p.Key)!, p.Value)))
            .ToList();
        return SearchBundle.Create(SandboxUrls.From(context).FhirBase, search, matches, time.GetUtcNow());
    }

    private static FhirJsonResult Forbid(ILogger logger, string type, string reason)
    {
        logger.FhirDenied(StatusCodes.Status403Forbidden, type, reason);
        return OperationOutcomes.Forbidden(reason);
    }
}
