using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Reading;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// Turns codings into Core <see cref="Code"/>s through <see cref="CodeSystems.Normalize"/>, remembering each
/// system's normal form: an input repeats a handful of systems thousands of times. One per mapping run.
/// </summary>
internal sealed class CodeNormalizer
{
    private const int MaxRemembered = 4096;
    private readonly Dictionary<string, string> _systems = new(StringComparer.Ordinal);
    // The reader shares equal CodeableConcepts (see StringPool), so the same instance comes back thousands of times.
    private readonly Dictionary<CodeableConcept, IReadOnlyList<Code>> _byConcept = new(ReferenceEqualityComparer.Instance);

    // Equal coded values (the same answer) repeat across a record; records are immutable, so one instance serves them
    // all. Used for coded values only: they hold no decimal, whose scale (12.4 vs 12.40) equality would not keep apart.
    private readonly Dictionary<ObservationValue, ObservationValue> _values = [];

    /// <summary>The first mapped value equal to <paramref name="value"/>, or <paramref name="value"/> itself.</summary>
    public ObservationValue Share(ObservationValue value)
    {
        if (_values.TryGetValue(value, out var shared)) return shared;
        if (_values.Count < MaxRemembered) _values[value] = value;
        return value;
    }

    // The same concept comes back as the same code array and pooled text: found by identity before anything is built.
    private readonly Dictionary<(ValueKind Kind, object Codes, object? Text), ObservationValue> _codedByIdentity = new(IdentityKey.Instance);

    /// <summary>A coded value (kind, codes, text), shared with every equal one of this run (see <see cref="Share"/>).</summary>
    public ObservationValue Coded(ValueKind kind, IReadOnlyList<Code> codes, string? text)
    {
        var key = (kind, (object)codes, (object?)text);
        if (_codedByIdentity.TryGetValue(key, out var known)) return known;
        var value = Share(new ObservationValue { Kind = kind, Codes = codes, Text = text });
        if (_codedByIdentity.Count < MaxRemembered) _codedByIdentity[key] = value;
        return value;
    }

    private sealed class IdentityKey : IEqualityComparer<(ValueKind Kind, object Codes, object? Text)>
    {
        public static readonly IdentityKey Instance = new();

        public bool Equals((ValueKind Kind, object Codes, object? Text) x, (ValueKind Kind, object Codes, object? Text) y) =>
            x.Kind == y.Kind && ReferenceEquals(x.Codes, y.Codes) && ReferenceEquals(x.Text, y.Text);

        public int GetHashCode((ValueKind Kind, object Codes, object? Text) obj) =>
            HashCode.Combine(obj.Kind, IdentityHash.Of(obj.Codes), IdentityHash.Of(obj.Text));
    }

    // Quantities repeat too (the same lab result); keyed by the decimal's exact bits, so 12.4 and 12.40 stay apart.
    private readonly Dictionary<(int Lo, int Mid, int Hi, int Flags, bool HasNumber, string? Comparator, string? Unit), ObservationValue> _quantities = [];

    /// <summary>One shared quantity value per exact (number, comparator, unit) of this run.</summary>
    public ObservationValue Quantity(decimal? number, string? comparator, string? unit)
    {
        Span<int> bits = stackalloc int[4];
        if (number is { } n) decimal.GetBits(n, bits);
        else bits.Clear();
        var key = (bits[0], bits[1], bits[2], bits[3], number.HasValue, comparator, unit);
        if (_quantities.TryGetValue(key, out var shared)) return shared;
        var value = new ObservationValue { Kind = ValueKind.Quantity, Number = number, Comparator = comparator, Unit = unit };
        if (_quantities.Count < MaxRemembered) _quantities[key] = value;
        return value;
    }

    // In front of the dictionaries: a hit costs one identity hash (see IdentityCache).
    private readonly IdentityCache<CodeableConcept, IReadOnlyList<Code>> _recentConcepts = new();
    private readonly IdentityCache<Quantity, ObservationValue> _recentQuantities = new();
    private readonly IdentityCache<CodeableConcept, ObservationValue> _recentCodedValues = new();

    /// <summary>Dates by string instance (the reader pools them); only valid dates are kept, so an invalid one warns every time.</summary>
    public IdentityCache<string, DateOnly> Dates { get; } = new(1024); // a large record has hundreds of distinct dates

    /// <summary>Lower-cased status codes by string instance.</summary>
    public IdentityCache<string, string?> LowerCodes { get; } = new();

    /// <summary>Condition.clinicalStatus and verificationStatus answers by concept instance, one cache per status system.</summary>
    public IdentityCache<CodeableConcept, string?> ClinicalStatuses { get; } = new();

    public IdentityCache<CodeableConcept, string?> VerificationStatuses { get; } = new();

    /// <summary>The value a valueQuantity maps to; it depends on the Quantity alone.</summary>
    public ObservationValue QuantityValue(Quantity quantity)
    {
        if (_recentQuantities.TryGet(quantity, out var known)) return known;
        var value = Quantity(quantity.Value, quantity.Comparator, quantity.Unit ?? quantity.Code);
        _recentQuantities.Set(quantity, value);
        return value;
    }

    /// <summary>The value a valueCodeableConcept maps to, built by <paramref name="build"/> once per concept instance.</summary>
    public ObservationValue CodedValue(CodeableConcept concept, Func<CodeableConcept, CodeNormalizer, ObservationValue> build)
    {
        if (_recentCodedValues.TryGet(concept, out var known)) return known;
        var value = build(concept, this);
        _recentCodedValues.Set(concept, value);
        return value;
    }

    public IReadOnlyList<Code> Codes(CodeableConcept? concept)
    {
        if (concept is null) return [];
        if (_recentConcepts.TryGet(concept, out var recent)) return recent;
        var codes = CodesOf(concept);
        _recentConcepts.Set(concept, codes);
        return codes;
    }

    private IReadOnlyList<Code> CodesOf(CodeableConcept concept)
    {
        if (concept.Coding.Count == 0) return [];
        if (_byConcept.TryGetValue(concept, out var known)) return known;
        var codes = new Code[CountCoded(concept)];
        var next = 0;
        Add(concept, codes, ref next);
        // A bare array, not a ReadOnlyCollection: LINQ and the extractor read arrays as spans, without an enumerator
        // per call. It is shared by every record with this concept, so nothing may cast it back and write to it.
        IReadOnlyList<Code> result = codes.Length == 0 ? [] : codes;
        if (_byConcept.Count < MaxRemembered) _byConcept[concept] = result;
        return result;
    }

    // The reader shares one-concept lists (and empty ones are one instance), so lists come back too.
    private readonly IdentityCache<IReadOnlyList<CodeableConcept>, IReadOnlyList<Code>> _recentLists = new();

    public IReadOnlyList<Code> Codes(IReadOnlyList<CodeableConcept> concepts)
    {
        if (_recentLists.TryGet(concepts, out var recent)) return recent;
        var codes = CodesOf(concepts);
        _recentLists.Set(concepts, codes);
        return codes;
    }

    private IReadOnlyList<Code> CodesOf(IReadOnlyList<CodeableConcept> concepts)
    {
        if (concepts.Count == 0) return [];
        if (concepts.Count == 1) return Codes(concepts[0]);
        var count = 0;
        foreach (var concept in concepts) count += CountCoded(concept);
        var codes = new Code[count];
        var next = 0;
        foreach (var concept in concepts) Add(concept, codes, ref next);
        return codes;
    }

    // Codings without a code say nothing matchable.
    private static int CountCoded(CodeableConcept concept)
    {
        var count = 0;
        for (var i = 0; i < concept.Coding.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var coding = concept.Coding[i];
            if (!string.IsNullOrWhiteSpace(coding.Code)) count++;
        }
        return count;
    }

    private void Add(CodeableConcept concept, Code[] codes, ref int next)
    {
        for (var i = 0; i < concept.Coding.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var coding = concept.Coding[i];
            if (string.IsNullOrWhiteSpace(coding.Code)) continue;
            var system = System(coding.System);
            codes[next++] = CodingRules.ToCode(system, coding.Code, coding.Display);
        }
    }

    private string System(string? system)
    {
        if (system is null) return CodeSystems.NormalizeSystem(null);
        if (!_systems.TryGetValue(system, out var normal)) _systems[system] = normal = CodeSystems.NormalizeSystem(system);
        return normal;
    }
}
