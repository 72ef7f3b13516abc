using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>The places where <see cref="RepeatedValues"/> may step over a value: members of a resource or of a Bundle entry.</summary>
internal enum RepeatSite
{
    ResourceMeta,
    ResourceSubject,
    ResourceCode,
    ResourceCategory,
    ObservationValueQuantity,
    ObservationValueCodeableConcept,
    ObservationInterpretation,
    ObservationComponent,
    ObservationBodySite,
    ObservationMethod,
    ConditionClinicalStatus,
    ConditionVerificationStatus,
    ConditionBodySite,
    ReportConclusionCode,
    ObservationRunMeta,
    ObservationRunStatus,
    ObservationRunCategory,
    ObservationRunCode,
    ObservationRunValueQuantity,
    ObservationRunValueCodeableConcept,
    ObservationRunInterpretation,
    ObservationRunComponent,
    ObservationRunSubject,
    ObservationRunBodySite,
    ObservationRunMethod,
    ConditionRunMeta,
    ConditionRunClinicalStatus,
    ConditionRunVerificationStatus,
    ConditionRunCategory,
    ConditionRunCode,
    ConditionRunBodySite,
    ConditionRunSubject,
    EntrySearch,
    EntryRequest,
    EntryResponse,
}

/// <summary>
/// Steps over a JSON value (or a run of consecutive members) that the reader has already read, byte for byte, at the
/// same place in the document, without tokenising it again. Real exports repeat most of their bytes: the same category,
/// code, coded answer, subject, unit, meta and search mode on thousands of resources.
/// <para>
/// Why this is safe. A value is remembered only after the validating <see cref="Utf8JsonReader"/> has read all of it
/// at a <see cref="RepeatSite"/> and raised no warning. A later value at the same site and depth whose bytes start with
/// a remembered value's bytes is that same value: a JSON object or array ends where its bytes say, and a run of members
/// ends after its last value, so equal bytes make equal tokens that are just as valid. Their reading is reused, and the
/// reader carries on after them from the state the validating reader had after the remembered bytes. That state holds
/// the stack of enclosing objects and arrays, and only the resource levels of the document can reach a site: the
/// resource itself, or <c>Bundle.entry[].resource</c>, nested a whole number of times. So the site and the depth
/// together fix the enclosing stack, and the state is the one the reader would have reached itself. Everything after
/// the skipped bytes is still validated.
/// </para>
/// <para>
/// The resumed state's line and column are those of the remembered value, so positions in a <see cref="JsonException"/>
/// are not to be trusted after a step: the input loader finds the position of an error by reading the input again
/// without stepping (<see cref="Input.JsonErrors"/>).
/// </para>
/// One per input (through <see cref="StringPool"/>); never shared between threads. Off when there is no source buffer.
/// </summary>
internal sealed class RepeatedValues
{
    private const int Levels = 4; // resource nesting levels remembered: a resource, in a Bundle, in a Bundle in a Bundle, …
    private const int ValuesPerSite = 32;
    // A site whose values rarely repeat (e.g. meta.lastUpdated to the second) is given up after this many lookups when
    // fewer than a quarter of them hit, so it costs nothing more than a plain read.
    private const int TrialLookups = 256;
    private const int MaxValueBytes = 2048; // longer values are rarely repeated
    private static readonly int SiteCount = Enum.GetValues<RepeatSite>().Length;

    private readonly Slot?[] _slots = new Slot?[SiteCount * Levels];
    private ReadOnlyMemory<byte> _source;
    // The array behind _source (steps are off when it has none): spans are cut from it without Memory.Span's checks.
    private byte[]? _array;
    private int _arrayStart, _arrayLength;

    /// <summary>How many values were stepped over since this input began (for tests and diagnostics).</summary>
    public int Steps { get; private set; }

    /// <summary>Offset in the source where the current reader's buffer starts (moved by each step).</summary>
    public int Base { get; private set; }

    /// <summary>The whole JSON text being read; the reader's positions are offsets from <see cref="Base"/> in it.</summary>
    public ReadOnlyMemory<byte> Source
    {
        get => _source;
        set
        {
            _source = value;
            Base = 0;
            _array = MemoryMarshal.TryGetArray(value, out var segment) && segment.Count > 0 ? segment.Array : null;
            (_arrayStart, _arrayLength) = (segment.Offset, segment.Count);
        }
    }

    /// <summary>Where the reader's current token starts, as an offset in <see cref="Source"/>.</summary>
    public int Offset(in Utf8JsonReader r) => Base + checked((int)r.TokenStartIndex);

    /// <summary>
    /// When the reader is on the start of an object or array at <paramref name="site"/> that was remembered there,
    /// moves the reader past it and returns true with the value read the first time.
    /// </summary>
    public bool TryStepOver(ref Utf8JsonReader r, RepeatSite site, out object? value)
    {
        value = null;
        if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return false;
        return TryStepFrom(ref r, site, Offset(r), out value);
    }

    /// <summary>
    /// Like <see cref="TryStepOver"/> for a run of members: the reader is on the value of a member whose name started at
    /// <paramref name="nameStart"/>, and a hit moves it past the last member of a run remembered by <see cref="RememberRun"/>.
    /// </summary>
    public bool TryStepOverRun(ref Utf8JsonReader r, RepeatSite site, int nameStart, out object? value) =>
        TryStepFrom(ref r, site, nameStart, out value);

    private bool TryStepFrom(ref Utf8JsonReader r, RepeatSite site, int at, out object? value)
    {
        value = null;
        if (_array is not { } array || SlotFor(r, site) is not { GivenUp: false } slot) return false;
        if (++slot.Lookups == TrialLookups && slot.Hits < TrialLookups / 4) slot.GivenUp = true;
        var rest = new ReadOnlySpan<byte>(array, _arrayStart + at, _arrayLength - at);
        var probe = Probe(rest, slot.Discriminator);
        var values = slot.Values;
        // The eight bytes where the slot's values first differ pick the one candidate worth comparing in full; only
        // values the index could not hold (too short for a probe, or a clash) are compared one by one.
        // Probes sit in one array beside the index, so a miss touches no remembered value at all.
        var indexed = slot.Index[Bucket(probe)] - 1;
        if (indexed >= 0 && slot.Probes[indexed] == probe && rest.StartsWith(values[indexed].Bytes)) return Step(ref r, slot, values[indexed], at, out value);
        if (slot.Unindexed == 0) return false;
        for (var i = 0; i < slot.Count; i++)
        {
            var candidate = values[i];
            if (i != indexed && (slot.Probes[i] == probe || !candidate.Probed) && rest.StartsWith(candidate.Bytes)) return Step(ref r, slot, candidate, at, out value);
        }
        return false;
    }

    private bool Step(ref Utf8JsonReader r, Slot slot, Known candidate, int at, out object? value)
    {
        slot.Hits++;
        var end = at + candidate.Bytes.Length;
        r = new Utf8JsonReader(new ReadOnlySpan<byte>(_array, _arrayStart + end, _arrayLength - end), isFinalBlock: true, candidate.After);
        Base = end;
        Steps++;
        value = candidate.Value;
        return true;
    }

    private static int Bucket(ulong probe) => (int)((probe * 0x9E3779B97F4A7C15UL) >> 58); // 64 buckets

    /// <summary>Where a value that may be remembered starts: the offset of its first token, or -1 when it may not be.</summary>
    public int Start(in Utf8JsonReader r, RepeatSite site) =>
        r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && MayRemember(r, site) ? Offset(r) : -1;

    /// <summary>True when a value or run at <paramref name="site"/> may still be remembered (the site is neither full nor given up).</summary>
    public bool MayRemember(in Utf8JsonReader r, RepeatSite site)
    {
        if (_array is null) return false;
        var level = Level(r, site);
        return level >= 0 && _slots[(int)site * Levels + level] is not ({ GivenUp: true } or { Count: ValuesPerSite });
    }

    /// <summary>
    /// Remembers the value that started at <paramref name="start"/> (from <see cref="Start"/>) and ends on the reader's
    /// current token, with its reading. Only for values read without a warning.
    /// </summary>
    public void Remember(in Utf8JsonReader r, RepeatSite site, int start, object? value)
    {
        if (start < 0 || r.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray)) return;
        RememberRun(site, start, MarkEnd(r, site), value);
    }

    /// <summary>Where a member value ends (the reader is on its last token), to close a run there later.</summary>
    public Mark MarkEnd(in Utf8JsonReader r, RepeatSite site) => new(Level(r, site), Base + checked((int)r.BytesConsumed), r.CurrentState);

    /// <summary>
    /// Remembers the bytes from <paramref name="start"/> to <paramref name="end"/> (one member value, or a run of members
    /// when <paramref name="start"/> is an earlier member's name) with their reading. Only for members read without a warning.
    /// </summary>
    public void RememberRun(RepeatSite site, int start, in Mark end, object? value)
    {
        var level = end.Level;
        if (start < 0 || level < 0 || _array is null) return;
        var after = end.After;
        // Above 64 levels the reader keeps its stack in an array, which a shared state must not carry.
        if (end.End - start > MaxValueBytes || after.Options.MaxDepth > 64) return;
        ref var slot = ref _slots[(int)site * Levels + level];
        slot ??= new Slot();
        if (slot.Count >= ValuesPerSite) return;
        var bytes = _source.Span[start..end.End].ToArray();
        if (slot.Count == 1)
        {
            // Values at one site share their start ({"coding":[{"system":"http://loinc.org","code":"…); the probe is
            // taken where the first two differ, so it tells most values apart.
            var first = slot.Values[0];
            var differ = first.Bytes.AsSpan().CommonPrefixLength(bytes);
            slot.Discriminator = Math.Max(0, Math.Min(differ, Math.Min(first.Bytes.Length, bytes.Length) - sizeof(ulong)));
            slot.Values[0] = new Known(first.Bytes, first.Value, first.After, slot.Discriminator);
            Array.Clear(slot.Index);
            slot.Unindexed = 0;
            slot.AddToIndex(0);
        }
        slot.Values[slot.Count] = new Known(bytes, value, after, slot.Discriminator);
        slot.AddToIndex(slot.Count++);
    }

    // The eight bytes at the discriminator (or 0 when there are fewer): equal values have equal probes.
    internal static ulong Probe(ReadOnlySpan<byte> bytes, int discriminator) =>
        bytes.Length >= discriminator + sizeof(ulong) ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[discriminator..]) : 0;

    private Slot? SlotFor(in Utf8JsonReader r, RepeatSite site)
    {
        var level = Level(r, site);
        return level < 0 ? null : _slots[(int)site * Levels + level];
    }

    // Values of resource members sit at depth 3n + 1 and values of entry members at depth 3n + 3 (n = Bundles around
    // the resource): the enclosing stack at such a depth is fixed. Anything else (a site reached some other way) is -1.
    private static int Level(in Utf8JsonReader r, RepeatSite site)
    {
        var depth = r.CurrentDepth;
        var entry = site >= RepeatSite.EntrySearch;
        var level = entry ? depth / 3 - 1 : (depth - 1) / 3;
        if (level is < 0 or >= Levels || depth != (entry ? 3 * level + 3 : 3 * level + 1)) return -1;
        return level;
    }

    private sealed class Slot
    {
        public Known[] Values { get; } = new Known[ValuesPerSite];
        public int Count { get; set; }
        /// <summary>Candidate position + 1 by the bucket of its probe; 0 where there is none.</summary>
        public int[] Index { get; } = new int[64];
        /// <summary>How many candidates are not in <see cref="Index"/> (no probe, or their bucket was taken).</summary>
        public int Unindexed { get; set; }

        /// <summary>Each value's probe, by position (see <see cref="Known.Probe"/>).</summary>
        public ulong[] Probes { get; } = new ulong[ValuesPerSite];

        public void AddToIndex(int position)
        {
            var candidate = Values[position];
            Probes[position] = candidate.Probe;
            ref var bucket = ref Index[Bucket(candidate.Probe)];
            if (candidate.Probed && bucket == 0) bucket = position + 1;
            else Unindexed++;
        }

        public int Lookups { get; set; }
        public int Hits { get; set; }
        public bool GivenUp { get; set; }
        /// <summary>Where the probe of each value is taken (set when the second value arrives).</summary>
        public int Discriminator { get; set; }
    }

    /// <summary>Where a member value ends: its level, the offset after it, and the reader's state there.</summary>
    internal readonly record struct Mark(int Level, int End, JsonReaderState After);

    /// <summary>A remembered value: its bytes, its reading, and the reader's state just after it.</summary>
    private sealed class Known(byte[] bytes, object? value, JsonReaderState after, int discriminator)
    {
        public byte[] Bytes { get; } = bytes;
        public object? Value { get; } = value;
        public JsonReaderState After { get; } = after;
        /// <summary>True when the value is long enough to have a probe; a shorter one is always compared in full.</summary>
        public bool Probed { get; } = bytes.Length >= discriminator + sizeof(ulong);
        public ulong Probe { get; } = RepeatedValues.Probe(bytes, discriminator);
    }
}

/// <summary>One member of a remembered run (its id in the resource reader's own numbering) and its reading.</summary>
internal readonly record struct RunMember(byte Id, object? Value);

/// <summary>Reads run member <paramref name="member"/> into its field of <paramref name="fields"/> and returns its reading.</summary>
internal delegate object? RunMemberReader<TFields>(ref Utf8JsonReader r, ReadContext context, byte member, ref TFields fields);

/// <summary>Sets the field a remembered run member was read into, as the <see cref="RunMemberReader{TFields}"/> did.</summary>
internal delegate void RunMemberApplier<TFields>(ref TFields fields, byte member, object? value);

/// <summary>
/// Collects consecutive run members read without a warning; a run of two or more is remembered when it ends. A run
/// starts only at a member whose site still takes runs, so a member whose runs vary too much (say meta, with its
/// lastUpdated) leaves the runs to start at the next one.
/// </summary>
internal struct RunRecorder(RepeatedValues repeats)
{
    private List<RunMember>? _members;
    private RepeatSite _site;
    private int _start = -1;
    private RepeatedValues.Mark _end;

    /// <summary>
    /// Reads a run member whose name started at <paramref name="nameStart"/> (-1 when it cannot be stepped over): steps
    /// over a remembered run that starts here and applies its readings, or reads the member and adds it to the run.
    /// </summary>
    public void Read<TFields>(ref Utf8JsonReader r, ReadContext context, byte member, RepeatSite site, int nameStart, ref TFields fields,
        RunMemberReader<TFields> read, RunMemberApplier<TFields> apply)
    {
        if (nameStart >= 0 && repeats.TryStepOverRun(ref r, site, nameStart, out var known))
        {
            Flush();
            foreach (var remembered in (RunMember[])known!) apply(ref fields, remembered.Id, remembered.Value);
            return;
        }
        var warnings = context.WarningCount;
        var reading = read(ref r, context, member, ref fields);
        if (context.WarningCount == warnings && nameStart >= 0) Add(r, site, nameStart, new RunMember(member, reading));
        else Flush();
    }

    private void Add(in Utf8JsonReader r, RepeatSite site, int nameStart, RunMember member)
    {
        if (_start < 0)
        {
            if (!repeats.MayRemember(r, site)) return;
            (_site, _start) = (site, nameStart);
            (_members ??= new List<RunMember>(8)).Clear();
        }
        _members!.Add(member);
        _end = repeats.MarkEnd(r, _site);
    }

    public void Flush()
    {
        if (_start >= 0 && _members!.Count >= 2) repeats.RememberRun(_site, _start, _end, _members.ToArray());
        _start = -1;
    }
}
