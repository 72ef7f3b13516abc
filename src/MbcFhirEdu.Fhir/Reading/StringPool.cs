using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Text;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Shares the strings that repeat across one input — code systems, codes, displays, units, statuses, subject
/// references — so a 2,000-Observation Bundle does not allocate "http://loinc.org" 2,000 times. A dictionary looked up
/// by the value's UTF-8 bytes (nothing is decoded or made for a hit); equal byte sequences always give the same instance,
/// up to <see cref="MaxStrings"/> distinct ones per input. The same goes for the Codings and single-coding CodeableConcepts
/// built from those strings (immutable records, so equal ones are shared). One pool per input; never shared between
/// threads.
/// </summary>
internal sealed class StringPool
{
    private const int MaxBytes = 96; // longer strings rarely repeat
    private const int MaxStrings = 16_384; // distinct strings kept per input; beyond it each is simply allocated
    // Keyed by the UTF-8 bytes as they stand in the input, so a hit costs no decoding.
    private readonly Dictionary<byte[], string> _strings;
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _byBytes;

    private const int MaxConceptBytes = 512; // a CodeableConcept longer than this is read every time
    private Dictionary<byte[], CodeableConcept>? _conceptsByJson;
    private Dictionary<byte[], CodeableConcept>.AlternateLookup<ReadOnlySpan<byte>> _conceptsByJsonSpan;

    /// <summary>
    /// The whole JSON text being read, when the reader runs over one buffer (file and NDJSON-line input); a token's
    /// offset in it is <see cref="RepeatedValues.Offset"/>. Empty otherwise, which turns off <see cref="TryGetConcept"/>
    /// and <see cref="Repeats"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Source
    {
        get => Repeats.Source;
        set => Repeats.Source = value;
    }

    /// <summary>Values the reader may step over unread (see <see cref="RepeatedValues"/>); off while <see cref="Source"/> is empty.</summary>
    public RepeatedValues Repeats { get; } = new();

    /// <summary>The CodeableConcept already read from exactly these JSON bytes (without warnings), if any.</summary>
    public bool TryGetConcept(ReadOnlySpan<byte> json, [NotNullWhen(true)] out CodeableConcept? concept)
    {
        concept = null;
        return _conceptsByJson is not null && json.Length <= MaxConceptBytes && _conceptsByJsonSpan.TryGetValue(json, out concept);
    }

    /// <summary>Remembers the CodeableConcept read from <paramref name="json"/>; only for concepts read without a warning.</summary>
    public void AddConcept(ReadOnlySpan<byte> json, CodeableConcept concept)
    {
        if (json.Length > MaxConceptBytes) return;
        if (_conceptsByJson is null)
        {
            _conceptsByJson = new Dictionary<byte[], CodeableConcept>(64, Utf8Comparer.Instance);
            _conceptsByJsonSpan = _conceptsByJson.GetAlternateLookup<ReadOnlySpan<byte>>();
        }
        if (_conceptsByJson.Count < MaxShared) _conceptsByJsonSpan.TryAdd(json, concept);
    }

    public StringPool(int capacity = 256)
    {
        _strings = new Dictionary<byte[], string>(capacity, Utf8Comparer.Instance);
        _byBytes = _strings.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    private const int MaxShared = 4096; // distinct codings kept per input; beyond it each is simply allocated
    // Keyed by string identity, not content: the members come from this pool, so equal pooled strings are one
    // instance and a lookup hashes four references instead of four whole strings. An equal string that is not
    // the pooled instance (too long, or past MaxStrings) only misses the cache: the Coding is then not shared.
    private Dictionary<CodingKey, Coding>? _codings;
    private Dictionary<ConceptKey, CodeableConcept>? _concepts;

    /// <summary>A Coding with these members, shared with every equal one of this input.</summary>
    public Coding Coding(string? system, string? version, string? code, string? display, bool? userSelected)
    {
        var key = new CodingKey(system, version, code, display, userSelected);
        _codings ??= new Dictionary<CodingKey, Coding>(64);
        if (_codings.TryGetValue(key, out var shared)) return shared;
        var coding = new Coding { System = system, Version = version, Code = code, Display = display, UserSelected = userSelected };
        if (_codings.Count < MaxShared) _codings[key] = coding;
        return coding;
    }

    /// <summary>A CodeableConcept; those with at most one coding are shared with every equal one of this input.</summary>
    public CodeableConcept Concept(IReadOnlyList<Coding> codings, string? text) =>
        codings.Count > 1 ? new CodeableConcept { Coding = codings, Text = text } : Concept(codings.Count == 1 ? codings[0] : null, text);

    /// <summary>A CodeableConcept with at most one coding, shared with every equal one of this input.</summary>
    public CodeableConcept Concept(Coding? coding, string? text)
    {
        var key = new ConceptKey(coding, text);
        _concepts ??= new Dictionary<ConceptKey, CodeableConcept>(64);
        if (_concepts.TryGetValue(key, out var shared)) return shared;
        var concept = new CodeableConcept { Coding = coding is null ? [] : [coding], Text = text };
        if (_concepts.Count < MaxShared) _concepts[key] = concept;
        return concept;
    }

    private Dictionary<CodeableConcept, IReadOnlyList<CodeableConcept>>? _lists;

    /// <summary>A one-item list holding <paramref name="concept"/>, shared by every list of that same instance.</summary>
    public IReadOnlyList<CodeableConcept> ListOf(CodeableConcept concept)
    {
        _lists ??= new Dictionary<CodeableConcept, IReadOnlyList<CodeableConcept>>(16, ReferenceEqualityComparer.Instance);
        if (_lists.TryGetValue(concept, out var shared)) return shared;
        IReadOnlyList<CodeableConcept> list = [concept];
        if (_lists.Count < MaxShared) _lists[concept] = list;
        return list;
    }

    private Dictionary<QuantityKey, Quantity>? _quantities;

    /// <summary>
    /// A Quantity with these members, shared with every one of this input with the same pooled strings and the same
    /// decimal bits (so 12.4 and 12.40, equal as numbers, stay apart and are written back as read).
    /// </summary>
    public Quantity Quantity(decimal? value, string? comparator, string? unit, string? system, string? code)
    {
        var key = new QuantityKey(value, comparator, unit, system, code);
        _quantities ??= new Dictionary<QuantityKey, Quantity>(16);
        if (_quantities.TryGetValue(key, out var shared)) return shared;
        var quantity = new Quantity { Value = value, Comparator = comparator, Unit = unit, System = system, Code = code };
        if (_quantities.Count < MaxShared) _quantities[key] = quantity;
        return quantity;
    }

    private readonly struct QuantityKey : IEquatable<QuantityKey>
    {
        private readonly decimal _value;
        private readonly bool _hasValue;
        private readonly string? _comparator, _unit, _system, _code;

        public QuantityKey(decimal? value, string? comparator, string? unit, string? system, string? code)
        {
            _value = value.GetValueOrDefault();
            _hasValue = value.HasValue;
            (_comparator, _unit, _system, _code) = (comparator, unit, system, code);
        }

        public bool Equals(QuantityKey other) =>
            _hasValue == other._hasValue && SameBits(_value, other._value) && ReferenceEquals(_comparator, other._comparator)
            && ReferenceEquals(_unit, other._unit) && ReferenceEquals(_system, other._system) && ReferenceEquals(_code, other._code);

        public override bool Equals(object? obj) => obj is QuantityKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            _value.GetHashCode(), _hasValue, IdentityHash.Of(_comparator), IdentityHash.Of(_unit),
            IdentityHash.Of(_system), IdentityHash.Of(_code));

        // decimal equality ignores the scale (12.4 == 12.40); the bits keep it.
        private static bool SameBits(decimal a, decimal b)
        {
            Span<int> x = stackalloc int[4], y = stackalloc int[4];
            decimal.GetBits(a, x);
            decimal.GetBits(b, y);
            return x.SequenceEqual(y);
        }
    }

    private Dictionary<ReferenceKey, ResourceReference>? _references;
    private Dictionary<DateTimeOffset, Meta>? _metas;
    private Meta? _undatedMeta;

    /// <summary>A Reference with only these members (no display, no identifier), shared with every equal one of this input.</summary>
    public ResourceReference Reference(string? reference, string? type)
    {
        var key = new ReferenceKey(reference, type);
        _references ??= new Dictionary<ReferenceKey, ResourceReference>(16);
        if (_references.TryGetValue(key, out var shared)) return shared;
        var value = new ResourceReference { Reference = reference, Type = type };
        if (_references.Count < MaxShared) _references[key] = value;
        return value;
    }

    /// <summary>A Meta holding at most lastUpdated, shared with every equal one of this input (same instant and offset).</summary>
    public Meta Meta(DateTimeOffset? lastUpdated)
    {
        if (lastUpdated is not { } instant) return _undatedMeta ??= new Meta();
        _metas ??= new Dictionary<DateTimeOffset, Meta>(16, SameInstantAndOffset.Instance);
        if (_metas.TryGetValue(instant, out var shared)) return shared;
        var value = new Meta { LastUpdated = instant };
        if (_metas.Count < MaxShared) _metas[instant] = value;
        return value;
    }

    // DateTimeOffset equality compares instants only; a shared Meta must also keep the offset it was written with.
    private sealed class SameInstantAndOffset : IEqualityComparer<DateTimeOffset>
    {
        public static readonly SameInstantAndOffset Instance = new();

        public bool Equals(DateTimeOffset x, DateTimeOffset y) => x.EqualsExact(y);

        public int GetHashCode(DateTimeOffset obj) => HashCode.Combine(obj.UtcTicks, obj.Offset);
    }

    private readonly struct ReferenceKey(string? reference, string? type) : IEquatable<ReferenceKey>
    {
        private readonly string? _reference = reference, _type = type;

        public bool Equals(ReferenceKey other) => ReferenceEquals(_reference, other._reference) && ReferenceEquals(_type, other._type);

        public override bool Equals(object? obj) => obj is ReferenceKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(IdentityHash.Of(_reference), IdentityHash.Of(_type));
    }

    private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8Comparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        // XxHash3 reads 8+ bytes a step (HashCode.AddBytes reads 4); the per-process random seed keeps crafted inputs
        // from choosing colliding keys, as HashCode's own random seed did.
        private static readonly long Seed = Random.Shared.NextInt64();

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = XxHash3.HashToUInt64(alternate, Seed);
            return (int)hash ^ (int)(hash >> 32);
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }

    private readonly struct CodingKey(string? system, string? version, string? code, string? display, bool? userSelected) : IEquatable<CodingKey>
    {
        private readonly string? _system = system, _version = version, _code = code, _display = display;
        private readonly bool? _userSelected = userSelected;

        public bool Equals(CodingKey other) =>
            ReferenceEquals(_system, other._system) && ReferenceEquals(_version, other._version) && ReferenceEquals(_code, other._code)
            && ReferenceEquals(_display, other._display) && _userSelected == other._userSelected;

        public override bool Equals(object? obj) => obj is CodingKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            IdentityHash.Of(_system), IdentityHash.Of(_version), IdentityHash.Of(_code),
            IdentityHash.Of(_display), _userSelected);
    }

    private readonly struct ConceptKey(Coding? coding, string? text) : IEquatable<ConceptKey>
    {
        private readonly Coding? _coding = coding;
        private readonly string? _text = text;

        public bool Equals(ConceptKey other) => ReferenceEquals(_coding, other._coding) && ReferenceEquals(_text, other._text);

        public override bool Equals(object? obj) => obj is ConceptKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(IdentityHash.Of(_coding), IdentityHash.Of(_text));
    }

    /// <summary>Makes room for about <paramref name="strings"/> distinct strings (capped at the pool's limit).</summary>
    public void EnsureCapacity(int strings) => _strings.EnsureCapacity(Math.Min(strings, MaxStrings));

    /// <summary>The string for these (unescaped) UTF-8 bytes; invalid sequences become U+FFFD, as in <see cref="Encoding.GetString(ReadOnlySpan{byte})"/>.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes) return Encoding.UTF8.GetString(utf8);
        if (_byBytes.TryGetValue(utf8, out var shared)) return shared;
        var value = Encoding.UTF8.GetString(utf8);
        if (_strings.Count < MaxStrings) _byBytes.TryAdd(utf8, value);
        return value;
    }
}
