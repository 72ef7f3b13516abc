namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary>What an advance does to one patient's record.</summary>
internal enum CohortChangeKind { NewMetastaticSite, ReceptorChange, NewPdl1Result, NewPik3caResult, Death }

/// <summary>One "the cohort changed now" step: seeded changes to some patients, stamped with the time it was applied
/// (their resources' meta.lastUpdated), so an export with <c>_since</c> before it returns exactly those changes.</summary>
/// <param name="Number">1 for the first advance.</param>
internal sealed record CohortAdvance(int Number, DateTimeOffset At, IReadOnlyDictionary<int, CohortChangeKind> Changes)
{
    /// <summary>Picks <paramref name="count"/> distinct patients of a cohort of <paramref name="size"/> and a change for each,
    /// from the seed and the advance number only (the same sequence of advances gives the same changes).</summary>
    public static CohortAdvance Create(int seed, int number, DateTimeOffset at, int size, int count)
    {
        var r = new CohortRandom(CohortRandom.Mix(seed, number, 99));
        var changes = new Dictionary<int, CohortChangeKind>(Math.Min(count, size));
        while (changes.Count < Math.Min(count, size))
        {
            var index = r.Random.Next(size);
            if (changes.ContainsKey(index)) continue;
            changes[index] = r.Random.Next(100) switch
            {
                < 30 => CohortChangeKind.NewMetastaticSite,
                < 50 => CohortChangeKind.ReceptorChange,
                < 70 => CohortChangeKind.NewPdl1Result,
                < 90 => CohortChangeKind.NewPik3caResult,
                _ => CohortChangeKind.Death,
            };
        }
        return new CohortAdvance(number, at, changes);
    }
}
