using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>The order of the record lists never changes the profile (evidence and warnings included).</summary>
public sealed class PermutationPropertyTests
{
    /// <summary>A messy chart: contradictions, duplicates with the same id, history, unconfirmed and text-only records.</summary>
    internal static readonly object[] Pool =
    [
        Condition("p", BreastCancer) with { Stages = [new StageRecord { Summary = [Sct("1222806003")] }] },
        Condition("p", IcdCm("C50.912")) with { Onset = Day0.AddDays(-5) },
        Condition("z", IcdCm("Z85.3")),
        Condition("bone", Sct("94222008")) with { Onset = Day0.AddDays(40) },
        Condition("liver", IcdCm("C78.7")) with { Onset = Day0.AddDays(400), ClinicalStatus = "resolved" },
        Condition("ax", Sct("94181007")),
        Condition("prov", Sct("94225005")) with { VerificationStatus = "provisional" },
        Condition("lepto", Sct("128462008")) with { BodySites = [Sct("8935007")] },
        Condition("x", Sct("123456789", "Malignant neoplasm of something")),
        new ConditionRecord { Reference = "Condition/t", Text = "metastatic to the skin" },
        Observation("s1", Sct("399537006"), Coded(Sct("1222769001"))),
        Observation("s2", Lnc("21908-9"), Coded(Staging("4")), Day0.AddDays(400)),
        Observation("m0", Lnc("21907-1"), Coded(Sct("1229901006"))),
        Observation("m1", Lnc("21907-1"), Coded(Sct("55440008")), Day0.AddDays(400)),
        Er(Coded(Positive), "er1"),
        Observation("er2", Lnc("16112-5"), Coded(Sct("260385009"))),
        Er(Qty(0, "%", "<"), "er3", Day0.AddDays(420)),
        Pr(Qty(5), "pr1"),
        Pr(Coded(Negative), "pr1", Day0.AddDays(1)),
        Her2Ihc(Int(2), "h1"),
        Her2Ish(Str("not amplified"), "h2", Day0.AddDays(20)),
        Her2Ihc(Int(3), "h3", Day0.AddDays(420)),
        Observation("h4", Lnc("48676-1"), Coded(Negative), Day0.AddDays(425)),
        Observation("h5", Lnc("48676-1"), Coded(Positive), Day0.AddDays(425)),
        Observation("v1", Lnc("69548-6"), Coded(Lnc("LA9633-4"), Hgnc("HGNC:8975"))),
        Observation("v1", Lnc("69548-6"), Coded(Lnc("LA9634-2"), Hgnc("HGNC:8975")), Day0.AddDays(3)),
        Observation("g", Lnc("21639-0"), Coded(Negative)),
        Observation("pd1", Lnc("83052-1"), Coded(Positive)),
        Observation("pd2", Lnc("83052-1"), Coded(Negative)),
        Observation("pd3", Lnc("83053-9"), Qty(50)),
        Observation("hist", Sct("1098951000119108"), null, Day0.AddDays(10)),
        Observation("site", Lnc("44667-4"), Coded(Sct("39607008")), status: "preliminary"),
        Report("scan", Sct("94222008")),
        Report("scan2", IcdCm("C79.51")) with { Status = "cancelled" },
    ];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private static string Canonical(object[] records) => JsonSerializer.Serialize(Extract(records), Json);

    [Fact]
    public void Extract_PermutingTheRecordLists_NeverChangesTheProfile()
    {
        var cases =
            from order in Gen.Shuffle(Pool)
            from count in Gen.Choose(0, Pool.Length)
            from reordered in Gen.Shuffle(order.Take(count).ToArray())
            select (Subset: order.Take(count).ToArray(), Reordered: reordered);

        Prop.ForAll(cases.ToArbitrary(), c => Canonical(c.Subset) == Canonical(c.Reordered))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Extract_WholeMessyChart_IsStableAcrossReversal()
    {
        Assert.Equal(Canonical(Pool), Canonical([.. Pool.Reverse()]));
    }
}
