using FsCheck;
using FsCheck.Fluent;
using MbcFhirEdu.Core.Clinical;
using Entry = MbcFhirEdu.Fhir.Tests.GeneratedPatient.Entry;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>A patient's PatientData depends on the file's content, never on entry order, copies, or other patients.</summary>
public sealed class PatientDataPropertyTests
{
    private const string DuplicateNotice = "copies with the same id";

    private static PatientData ReadPatient(IEnumerable<Entry> entries, string prefix)
    {
        var result = TestJson.Read(GeneratedPatient.Bundle(entries));
        Assert.True(result.Succeeded, result.Error?.ToString());
        return Assert.Single(result.Patients, p => p.Patient.Reference == GeneratedPatient.PatientReference(prefix));
    }

    [Fact]
    public void Read_ShuffledEntries_GiveTheSamePatientData()
    {
        var cases = from entries in GeneratedPatient.Entries("a")
                    from shuffled in Gen.Shuffle(entries)
                    select (entries, shuffled);
        Prop.ForAll(cases.ToArbitrary(), c =>
            TestJson.Canonical(ReadPatient(c.entries, "a")) == TestJson.Canonical(ReadPatient(c.shuffled, "a"))).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_DuplicatedEntries_GiveTheSameRecordsAndOnlyAddDuplicateNotices()
    {
        var cases = from entries in GeneratedPatient.Entries("a")
                    from copies in Gen.SubListOf(entries)
                    from mixed in Gen.Shuffle(entries.Concat(copies))
                    select (entries, mixed);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var original = ReadPatient(c.entries, "a");
            var duplicated = ReadPatient(c.mixed, "a");
            return TestJson.Canonical(WithoutDuplicateNotices(original)) == TestJson.Canonical(WithoutDuplicateNotices(duplicated))
                && duplicated.ReadWarnings.Count(w => w.Contains(DuplicateNotice, StringComparison.Ordinal)) >= original.ReadWarnings.Count(w => w.Contains(DuplicateNotice, StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_AnotherPatientsResources_DoNotChangeThisPatient()
    {
        var cases = from mine in GeneratedPatient.Entries("a")
                    from theirs in GeneratedPatient.Entries("b")
                    from mixed in Gen.Shuffle(mine.Concat(theirs))
                    select (mine, mixed);
        Prop.ForAll(cases.ToArbitrary(), c =>
            TestJson.Canonical(ReadPatient(c.mine, "a")) == TestJson.Canonical(ReadPatient(c.mixed, "a"))).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_GeneratedPatient_NewestCopyAlwaysWins()
    {
        Prop.ForAll(GeneratedPatient.Entries("a").ToArbitrary(), entries =>
        {
            var data = ReadPatient(entries, "a");
            return data.Conditions.SelectMany(x => x.Codes).Concat(data.Observations.SelectMany(x => x.Codes)).All(code => code.Value != "74964007");
        }).QuickCheckThrowOnFailure();
    }

    // Copies of a resource add "N copies with the same id" notices (and change N); everything else must be equal.
    private static PatientData WithoutDuplicateNotices(PatientData data) =>
        data with { ReadWarnings = [.. data.ReadWarnings.Where(w => !w.Contains(DuplicateNotice, StringComparison.Ordinal))] };
}
