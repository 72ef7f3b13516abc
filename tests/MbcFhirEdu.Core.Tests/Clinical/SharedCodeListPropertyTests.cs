using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>
/// The extractor remembers what it found per code list and per text instance. The FHIR reader shares one list
/// among equal concepts, other callers do not: the profile must be the same whether every equal list is one
/// instance, or every list is its own copy.
/// </summary>
public sealed class SharedCodeListPropertyTests
{
    /// <summary>Records that share code lists with different values, statuses, texts and references.</summary>
    private static readonly object[] Extra =
    [
        Er(Coded(Negative), "er-late", Day0.AddDays(500)),
        Er(Coded(Positive), "er-early", Day0.AddDays(-30)) with { Status = "preliminary" },
        Observation("er-pr", Lnc("85337-4"), null) with
        {
            Components =
            [
                new ComponentRecord { Codes = [Lnc("85337-4")], Value = Coded(Positive) },
                new ComponentRecord { Codes = [Lnc("85339-0")], Value = Coded(Negative) },
            ],
        },
        Condition("x2", Sct("123456789", "Malignant neoplasm of something")) with { VerificationStatus = "refuted" },
        Condition("x3", Sct("123456789", "Malignant neoplasm of something")),
        Condition("htn", Sct("38341003", "Hypertensive disorder")) with { Text = "carcinoma of the pancreas" },
        Condition("htn2", Sct("38341003", "Hypertensive disorder")) with { Text = "high blood pressure" },
        Condition("bone2", Sct("94222008")) with { ClinicalStatus = "resolved", Onset = Day0.AddDays(700) },
        Observation("hist2", Sct("1098951000119108"), Bool(false)),
        Her2Ihc(Int(0), "h0", Day0.AddDays(425)) with { Note = "faint staining" },
        Her2Ihc(Int(0), "h00", Day0.AddDays(425)),
    ];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private static string Canonical(IEnumerable<object> records) => JsonSerializer.Serialize(Extract([.. records]), Json);

    [Fact]
    public void Extract_SharedOrCopiedCodeLists_GiveTheSameProfile()
    {
        object[] pool = [.. PermutationPropertyTests.Pool, .. Extra];
        var cases =
            from order in Gen.Shuffle(pool)
            from count in Gen.Choose(0, pool.Length)
            select order.Take(count).ToArray();

        Prop.ForAll(cases.ToArbitrary(), records =>
        {
            var interner = new Interner();
            var asBuilt = Canonical(records);
            var shared = Canonical(records.Select(r => Rebuild(r, interner.Share)));
            var copied = Canonical(records.Select(r => Rebuild(r, list => list.ToArray())));
            return asBuilt == shared && asBuilt == copied;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Extract_WholePoolWithSharedLists_MatchesCopiedLists()
    {
        object[] pool = [.. PermutationPropertyTests.Pool, .. Extra];
        var interner = new Interner();

        var shared = Canonical(pool.Select(r => Rebuild(r, interner.Share)));

        Assert.Equal(Canonical(pool.Select(r => Rebuild(r, list => list.ToArray()))), shared);
        Assert.True(interner.Reused > 0, "the pool must really share lists for this test to mean anything");
    }

    /// <summary>One instance per distinct code list (system, code and display), as the FHIR reader hands them out.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, IReadOnlyList<Code>> lists = new(StringComparer.Ordinal);

        public int Reused { get; private set; }

        public IReadOnlyList<Code> Share(IReadOnlyList<Code> list)
        {
            var key = string.Join("\n", list.Select(c => $"{c.System}|{c.Value}|{c.Display}"));
            if (lists.TryGetValue(key, out var shared))
            {
                Reused++;
                return shared;
            }
            lists.Add(key, list);
            return list;
        }
    }

    private static object Rebuild(object record, Func<IReadOnlyList<Code>, IReadOnlyList<Code>> list) => record switch
    {
        ConditionRecord c => c with
        {
            Codes = list(c.Codes), BodySites = list(c.BodySites), Categories = list(c.Categories),
            Stages = [.. c.Stages.Select(s => s with { Summary = list(s.Summary), Type = list(s.Type) })],
        },
        ObservationRecord o => o with
        {
            Codes = list(o.Codes), Categories = list(o.Categories), Interpretations = list(o.Interpretations),
            BodySites = list(o.BodySites), Methods = list(o.Methods), Value = Rebuild(o.Value, list),
            Components = [.. o.Components.Select(c => c with { Codes = list(c.Codes), Interpretations = list(c.Interpretations), Value = Rebuild(c.Value, list) })],
        },
        ReportRecord r => r with { Codes = list(r.Codes), ConclusionCodes = list(r.ConclusionCodes) },
        _ => record,
    };

    private static ObservationValue? Rebuild(ObservationValue? value, Func<IReadOnlyList<Code>, IReadOnlyList<Code>> list) =>
        value is null ? null : value with { Codes = list(value.Codes) };
}
