using System.Collections.Immutable;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary>
/// The generated cohort: nothing but the options and the list of advances is held; every record is generated from
/// the seed when asked for, so a 5,000 × 200 cohort costs no memory until it is read, and then one patient at a time.
/// </summary>
internal sealed class CohortStore(IOptions<SandboxCohortOptions> options, TimeProvider time)
{
    /// <summary>The resource types a generated record has (the patient compartment types the sandbox serves).</summary>
    public static readonly IReadOnlyList<string> Types = ["Patient", "Condition", "Observation", "DiagnosticReport"];

    /// <summary>Bounds the advances' memory: the changes of all advances together.</summary>
    public const int MaxTotalChanges = 1_000_000;

    private readonly Lock _gate = new();
    private ImmutableArray<CohortAdvance> _advances = [];
    private int _totalChanges;

    public SandboxCohortOptions Options => options.Value;

    public int Size => options.Value.Size;

    /// <summary>The advances applied so far; an export keeps the list it started with, so its files agree with its transactionTime.</summary>
    public ImmutableArray<CohortAdvance> Advances => _advances;

    /// <summary>Applies the next seeded change set now; null when the cohort is empty or the bound is reached.</summary>
    /// <param name="patients">How many patients change; null: <c>Sandbox:Cohort:ChangePercent</c> of the cohort, at least one.</param>
    public CohortAdvance? Advance(int? patients)
    {
        if (Size == 0) return null;
        var count = Math.Min(Size, patients ?? Math.Max(1, (int)((long)Size * options.Value.ChangePercent / 100)));
        lock (_gate)
        {
            if (_totalChanges + count > MaxTotalChanges) return null;
            // Strictly after the previous advance, so `_since` = one advance's time separates it from the next.
            var at = time.GetUtcNow();
            if (_advances.Length > 0 && at <= _advances[^1].At) at = _advances[^1].At.AddMilliseconds(1);
            var advance = CohortAdvance.Create(options.Value.Seed, _advances.Length + 1, at, Size, count);
            _advances = _advances.Add(advance);
            _totalChanges += count;
            return advance;
        }
    }

    /// <summary>One generated patient's resources of one type, as of <paramref name="advances"/>.</summary>
    public IEnumerable<Resource> Resources(int index, string type, IReadOnlyList<CohortAdvance> advances)
    {
        var profile = CohortProfile.Create(options.Value, index);
        if (type == "Patient") return [CohortChanges.Patient(profile, advances)];
        return CohortRecord.Build(options.Value, profile, type).Concat(CohortChanges.Apply(options.Value, profile, type, advances));
    }

    /// <summary>The generated patient an id belongs to (<c>cohort-000042</c> or <c>cohort-000042-…</c>); null when none.</summary>
    public int? IndexOf(string id) => CohortProfile.IndexOf(id) is { } index && index < Size ? index : null;

    /// <summary>A generated resource by type and id, as of now.</summary>
    public Resource? Find(string type, string id) =>
        IndexOf(id) is { } index && Types.Contains(type) ? Resources(index, type, _advances).FirstOrDefault(r => r.Id == id) : null;
}
