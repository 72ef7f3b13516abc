using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Population;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Population;

/// <summary>The population run's comparer (issue 18): every reason, and what is never a reason.</summary>
public sealed class WorklistComparerTests
{
    private static readonly DateOnly Nov30 = new(2026, 11, 30);

    private static ConditionRecord Primary() => Condition("primary", BreastCancer);
    private static ConditionRecord Liver(DateOnly? onset = null) => Condition("liver", Sct("94381002")) with { Onset = onset ?? Nov30 };
    private static ConditionRecord Bone() => Condition("bone", Sct("94222008"));
    private static ObservationRecord Pdl1(Code answer, string id = "pdl1", DateOnly? date = null) => Observation(id, Lnc("83052-1"), Coded(answer), date);
    private static ObservationRecord Pik3ca(string id = "pik3ca", DateOnly? date = null) =>
        Observation(id, Lnc("69548-6"), Coded(Lnc("LA9633-4")), date) with
        {
            Components = [new ComponentRecord { Codes = [Lnc("48018-6")], Value = Coded(Hgnc("HGNC:8975")) }],
        };

    private static ProfileSnapshot Snapshot(params object[] records) => ProfileSnapshot.From(Extract(records));

    private static IReadOnlyList<WorklistFinding> Compare(ProfileSnapshot? previous, bool sent, params object[] records) =>
        WorklistComparer.Compare(previous, Extract(records), sent);

    [Fact]
    public void Baseline_MetastaticAndNothingSent_GivesOnlyNoMaterialsSent()
    {
        var finding = Assert.Single(Compare(null, sent: false, Primary(), Bone(), Liver()));

        Assert.Equal(WorklistReason.NoMaterialsSent, finding.Reason);
        Assert.Equal("no materials sent yet", finding.Detail);
        Assert.Contains(finding.Evidence, e => e.StartsWith("site:liver: Condition/liver", StringComparison.Ordinal));
    }

    [Fact]
    public void Baseline_MaterialsAlreadySent_GivesNothing() =>
        Assert.Empty(Compare(null, sent: true, Primary(), Bone(), Liver()));

    [Fact]
    public void SameRecordAgain_GivesNothing()
    {
        var records = new object[] { Primary(), Bone(), Er(Coded(Positive)), Pdl1(Positive) };

        Assert.Empty(Compare(Snapshot(records), sent: true, records));
    }

    [Fact]
    public void NewSite_IsReportedWithItsDate()
    {
        var findings = Compare(Snapshot(Primary(), Bone()), sent: true, Primary(), Bone(), Liver(Nov30));

        var finding = Assert.Single(findings);
        Assert.Equal(WorklistReason.NewSite, finding.Reason);
        Assert.Equal("new site: liver on 2026-11-30", finding.Detail);
        Assert.Equal(["site:liver: Condition/liver (2026-11-30)"], finding.Evidence);
    }

    [Fact]
    public void NewSiteWithoutDate_SaysSo()
    {
        var finding = Assert.Single(Compare(Snapshot(Primary(), Bone()), sent: true, Primary(), Bone(), Liver() with { Onset = null }));

        Assert.Equal("new site: liver (no date recorded)", finding.Detail);
    }

    [Fact]
    public void MetastaticDiseaseNewlyRecorded_IsReportedBesideItsSite()
    {
        var findings = Compare(Snapshot(Primary()), sent: true, Primary(), Liver(Nov30));

        Assert.Equal([WorklistReason.MetastaticNewlyRecorded, WorklistReason.NewSite], findings.Select(f => f.Reason));
        Assert.Equal("metastatic disease newly recorded on 2026-11-30", findings[0].Detail);
    }

    [Fact]
    public void MetastaticNewlyRecordedAndNothingSent_AlsoSaysNoMaterialsSent()
    {
        var findings = Compare(Snapshot(Primary()), sent: false, Primary(), Liver());

        Assert.Contains(findings, f => f.Reason == WorklistReason.NoMaterialsSent);
        Assert.Contains(findings, f => f.Reason == WorklistReason.MetastaticNewlyRecorded);
    }

    [Fact]
    public void ErPositiveThenNegative_IsAReceptorChange()
    {
        var before = Snapshot(Primary(), Bone(), Er(Coded(Positive)));

        var finding = Assert.Single(Compare(before, sent: true, Primary(), Bone(), Er(Coded(Positive)), Er(Coded(Negative), "er2", Day0.AddDays(200))));

        Assert.Equal(WorklistReason.ReceptorChange, finding.Reason);
        Assert.Equal("receptor change: ER positive -> negative", finding.Detail);
        Assert.Contains(finding.Evidence, e => e.StartsWith("er:negative: Observation/er2", StringComparison.Ordinal));
    }

    [Fact]
    public void PrNegativeThenPositive_IsAReceptorChange()
    {
        var finding = Assert.Single(Compare(Snapshot(Primary(), Pr(Coded(Negative))), sent: true, Primary(), Pr(Coded(Positive), "pr2")));

        Assert.Equal("receptor change: PR negative -> positive", finding.Detail);
    }

    [Fact]
    public void Her2ZeroThenPositive_IsAReceptorChange()
    {
        var before = Snapshot(Primary(), Her2Ihc(Coded(Lnc("LA6111-4"))));

        var finding = Assert.Single(Compare(before, sent: true, Primary(), Her2Ihc(Coded(Lnc("LA11843-2")), "her2b")));

        Assert.Equal("receptor change: HER2 zero -> positive", finding.Detail);
    }

    [Fact]
    public void Her2LowThenZero_IsNotAReceptorChange() =>
        Assert.Empty(Compare(Snapshot(Primary(), Her2Ihc(Coded(Lnc("LA11841-6")))), sent: true, Primary(), Her2Ihc(Coded(Lnc("LA6111-4")), "her2b")));

    [Fact]
    public void ErPositiveThenUnknown_IsNotAChange_AGapIsNeverNews() =>
        Assert.Empty(Compare(Snapshot(Primary(), Bone(), Er(Coded(Positive))), sent: true, Primary(), Bone()));

    [Fact]
    public void SiteNoLongerCurrent_IsNotAFinding() =>
        Assert.Empty(Compare(Snapshot(Primary(), Bone(), Liver()), sent: true, Primary(), Bone()));

    [Fact]
    public void FirstPdl1Result_IsANewBiomarkerResult()
    {
        var finding = Assert.Single(Compare(Snapshot(Primary(), Bone()), sent: true, Primary(), Bone(), Pdl1(Positive, date: Nov30)));

        Assert.Equal(WorklistReason.NewBiomarkerResult, finding.Reason);
        Assert.Equal("new PD-L1 result: positive on 2026-11-30", finding.Detail);
        Assert.Equal(["pdl1:positive: Observation/pdl1 (2026-11-30)"], finding.Evidence);
    }

    [Fact]
    public void Pdl1NegativeThenPositive_NamesTheEarlierValue()
    {
        var before = Snapshot(Primary(), Pdl1(Negative, date: Day0));

        var finding = Assert.Single(Compare(before, sent: true, Primary(), Pdl1(Negative, date: Day0), Pdl1(Positive, "pdl1b", Nov30)));

        Assert.Equal("new PD-L1 result: positive (was negative) on 2026-11-30", finding.Detail);
    }

    [Fact]
    public void NewerPdl1ResultWithTheSameValue_IsStillANewResult()
    {
        var before = Snapshot(Primary(), Pdl1(Positive, date: Day0));

        var finding = Assert.Single(Compare(before, sent: true, Primary(), Pdl1(Positive, date: Day0), Pdl1(Positive, "pdl1b", Nov30)));

        Assert.Equal("new PD-L1 result: positive on 2026-11-30", finding.Detail);
    }

    [Fact]
    public void PikGeneDetected_IsANewBiomarkerResult()
    {
        var finding = Assert.Single(Compare(Snapshot(Primary(), Bone()), sent: true, Primary(), Bone(), Pik3ca(date: Nov30)));

        Assert.Equal("new PIK3CA result: detected on 2026-11-30", finding.Detail);
    }

    [Fact]
    public void NewlyDeceased_GivesOnlyTheDeceasedFinding()
    {
        var dead = new PatientRecord { Reference = "Patient/p1", Deceased = true };

        var finding = Assert.Single(Compare(Snapshot(Primary(), Bone()), sent: false, dead, Primary(), Bone(), Liver(), Pdl1(Positive)));

        Assert.Equal(WorklistReason.Deceased, finding.Reason);
        Assert.Equal("deceased - close open items", finding.Detail);
        Assert.Equal(["deceased: Patient/p1"], finding.Evidence);
    }

    [Fact]
    public void AlreadyDeceased_OrDeceasedAtBaseline_GivesNothing()
    {
        var dead = new PatientRecord { Reference = "Patient/p1", Deceased = true };

        Assert.Empty(Compare(Snapshot(dead, Primary(), Bone()), sent: false, dead, Primary(), Bone(), Liver()));
        Assert.Empty(Compare(null, sent: false, dead, Primary(), Bone()));
    }

    [Fact]
    public void NoBreastCancerRecorded_GivesNothing_EvenWithSpread() =>
        Assert.Empty(Compare(Snapshot(Bone()), sent: false, Bone(), Liver(), Pdl1(Positive)));

    [Fact]
    public void UnconfirmedSite_IsNotANewSite() =>
        Assert.Empty(Compare(Snapshot(Primary(), Bone()), sent: true, Primary(), Bone(), Liver() with { VerificationStatus = "provisional" }));

    [Fact]
    public void DisagreeingRecords_AreKeptAsWarningsInTheEvidence()
    {
        var none = Observation("none", Lnc("44667-4"), Coded(Sct("260413007", "None")), Day0);

        var finding = Assert.Single(Compare(Snapshot(Primary(), none), sent: true, Primary(), none, Liver()),
            f => f.Reason == WorklistReason.NewSite);

        Assert.Contains(finding.Evidence, e => e.StartsWith("warning: ", StringComparison.Ordinal) && e.Contains(DisagreementWarning, StringComparison.Ordinal));
    }

    [Fact]
    public void ResourceOrder_ChangesNeitherSnapshotNorFindings()
    {
        object[] records = [Primary(), Bone(), Liver(), Er(Coded(Positive)), Pr(Coded(Negative)), Pdl1(Positive), Pik3ca(), Her2Ihc(Coded(Lnc("LA11841-6")))];
        var previous = Snapshot(Primary());
        var expected = Describe(ProfileSnapshot.From(Extract(records)), WorklistComparer.Compare(previous, Extract(records), false));

        for (var seed = 0; seed < 20; seed++)
        {
            var shuffled = records.OrderBy(_ => Random.Shared.Next()).ToArray();
            Assert.Equal(expected, Describe(ProfileSnapshot.From(Extract(shuffled)), WorklistComparer.Compare(previous, Extract(shuffled), false)));
        }
    }

    private static string Describe(ProfileSnapshot snapshot, IReadOnlyList<WorklistFinding> findings) =>
        string.Join("|", snapshot.Sites.Select(s => $"{s.Site}@{s.Date}"))
        + string.Join("|", snapshot.Biomarkers.Select(b => $"{b.Marker}={b.Value}@{b.Date}"))
        + $"{snapshot.Er}{snapshot.Pr}{snapshot.Her2}{snapshot.Metastatic}{snapshot.MetastaticDate}"
        + string.Join("|", findings.Select(f => $"{f.Reason}:{f.Detail}:{string.Join(",", f.Evidence)}"));
}
