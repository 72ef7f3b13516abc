namespace MbcFhirEdu.Core.Population;

/// <summary>
/// One reason a patient needs attention, as <see cref="WorklistComparer"/> found it: the reason, a plain detail
/// ("new site: liver on 2026-11-30") and the evidence lines behind it (facts with their resources and dates, then the
/// profile's warnings about those resources, so contradictory data is shown, never resolved by guessing).
/// </summary>
public sealed record WorklistFinding(WorklistReason Reason, string Detail, IReadOnlyList<string> Evidence);
