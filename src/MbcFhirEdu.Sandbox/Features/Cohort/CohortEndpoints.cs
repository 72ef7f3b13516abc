using System.Globalization;
using System.Text.Json.Serialization;
using MbcFhirEdu.Sandbox.Features.Bulk;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary><c>GET {prefix}/_cohort</c> (what the cohort is) and <c>POST {prefix}/_cohort/advance[?patients=N]</c>
/// (apply the next seeded change set now). Sandbox-only hooks, like the fault plan: synthetic data, no token.</summary>
internal static class CohortEndpoints
{
    public const int MaxPatientsPerAdvance = 100_000;

    public static void MapCohortEndpoints(this IEndpointRouteBuilder group)
    {
        var cohort = group.MapGroup("/_cohort");
        cohort.MapGet("", (CohortStore store) => TypedResults.Json(State(store), SandboxJson.Options));
        cohort.MapPost("/advance", Advance).DisableAntiforgery();
    }

    private static Results<JsonHttpResult<AdvanceResult>, BadRequest<string>, Conflict<string>> Advance(int? patients, CohortStore store, ILogger<CohortStore> logger)
    {
        if (patients is < 1 or > MaxPatientsPerAdvance) return TypedResults.BadRequest($"patients must be 1 to {MaxPatientsPerAdvance}");
        if (store.Size == 0) return TypedResults.Conflict("the generated cohort is disabled (Sandbox:Cohort:Size is 0)");
        if (store.Advance(patients) is not { } advance) return TypedResults.Conflict($"the cohort has reached {CohortStore.MaxTotalChanges} changes; restart the sandbox");
        logger.CohortAdvanced(advance.Number, advance.Changes.Count);
        return TypedResults.Json(new AdvanceResult(
            advance.Number,
            advance.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            [.. advance.Changes.OrderBy(c => c.Key).Select(c => new PatientChange(CohortProfile.PatientIdOf(c.Key), c.Value.ToString()))]), SandboxJson.Options);
    }

    private static CohortState State(CohortStore store) => new(store.Size, store.Options.Seed, store.Options.ResourcesPerPatient,
        $"Group/{BulkSource.CohortGroupId}", store.Advances.Select(a => new AdvanceSummary(a.Number, a.At, a.Changes.Count)).ToList());

    internal sealed record AdvanceResult(
        [property: JsonPropertyName("number")] int Number,
        [property: JsonPropertyName("at")] string At,
        [property: JsonPropertyName("changes")] IReadOnlyList<PatientChange> Changes);

    internal sealed record PatientChange([property: JsonPropertyName("patient")] string Patient, [property: JsonPropertyName("change")] string Change);

    internal sealed record CohortState(int Size, int Seed, int ResourcesPerPatient, string Group, IReadOnlyList<AdvanceSummary> Advances);

    internal sealed record AdvanceSummary(int Number, DateTimeOffset At, int Patients);
}
