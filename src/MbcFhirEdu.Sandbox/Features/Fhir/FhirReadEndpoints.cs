using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary><c>GET {prefix}/fhir/{type}/{id}</c> and <c>GET {prefix}/fhir/{type}?…</c>.</summary>
internal static class FhirReadEndpoints
{
    public static FhirJsonResult Read(HttpContext context, string type, string id, FhirDataStore data, CommunicationStore communications, CohortStore cohort,
        ILogger<FhirDataStore> logger)
    {
        if (!SearchParameters.ByType.ContainsKey(type)) return OperationOutcomes.Create(404, "not-supported", $"resource type {type} is not served by this sandbox");
        var decision = AccessDecision.Decide(context.Features.GetRequiredFeature<FhirAccess>(), type, 'r');
        if (decision.Denied is { } denied) return Forbid(logger, type, denied);
        var resource = type == "Communication" ? communications.Find(id)
            : data.Find(type, id) ?? (cohort.Find(type, id) is { } generated ? StoredResource.From(generated) : null);
        if (resource is null) return OperationOutcomes.NotFound($"{type}/{id} does not exist");
        return decision.CheckResource(resource) is { } refused ? Forbid(logger, type, refused) : FhirJsonResult.Resource(resource);
    }

    public static FhirJsonResult Search(HttpContext context, string type, FhirDataStore data, CommunicationStore communications, CohortStore cohort,
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

        var source = type == "Communication" ? communications.Snapshot() : data.All(type).Concat(Generated(cohort, type, search.Parameters));
        var matches = source
            .Where(r => compartment is null || r.PatientId == compartment)
            .Where(r => search.Parameters.All(p => SearchParameters.Matches(r, SearchParameters.Find(type, p.Key)!, p.Value)))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return SearchBundle.Create(SandboxUrls.From(context).FhirBase, search, matches, time.GetUtcNow());
    }

    /// <summary>Generated cohort resources a search names by patient (<c>patient</c>/<c>subject</c>) or by <c>_id</c>; a search
    /// naming neither does not list the cohort (it is served whole by Bulk Data export).</summary>
    private static IEnumerable<StoredResource> Generated(CohortStore cohort, string type, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var ids = parameters.Where(p => p.Key is "patient" or "subject" or "_id")
            .SelectMany(p => p.Value.Split(',').Select(v => p.Key == "_id" ? v.Trim() : FhirReference.PatientId(v) ?? ""));
        var indexes = ids.Select(cohort.IndexOf).OfType<int>().Distinct().Take(50);
        return indexes.SelectMany(index => cohort.Resources(index, type, cohort.Advances)).Select(StoredResource.From);
    }

    private static FhirJsonResult Forbid(ILogger logger, string type, string reason)
    {
        logger.FhirDenied(StatusCodes.Status403Forbidden, type, reason);
        return OperationOutcomes.Forbidden(reason);
    }
}
