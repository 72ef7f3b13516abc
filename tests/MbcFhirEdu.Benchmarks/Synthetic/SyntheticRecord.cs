using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MbcFhirEdu.Benchmarks.Synthetic;

/// <summary>
/// Generated FHIR R4 records with varied values, dates and ids, as real exports have them (not the same bytes
/// repeated): built as Firely POCOs from a seeded random and written by Firely's serializer, so the same seed gives
/// the same bytes and every resource is valid R4 JSON.
/// </summary>
public static class SyntheticRecord
{
    /// <summary>The seed of the benchmark's record; the tests use others.</summary>
    public const int DefaultSeed = 14;

    [SuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static readonly string[] Languages = ["en", "en-US", "es", "es-MX", "vi", "zh", "ar", "fr", "pt-BR"];
    private static readonly string[] Families = ["García", "Nguyen", "Smith", "Johnson", "Okafor", "Müller", "Kowalski", "Haddad", "Silva", "Chen"];
    private static readonly string[] Givens = ["Maria", "Linh", "Patricia", "Aisha", "Elena", "Sofia", "Grace", "Fatima", "Ana", "Mei"];

    /// <summary>
    /// One patient's record as a searchset Bundle: 1 Patient, <paramref name="conditions"/> Conditions and
    /// <paramref name="observations"/> Observations, each entry with its fullUrl and search mode.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "See Json.")]
    public static byte[] Bundle(int seed = DefaultSeed, int conditions = 200, int observations = 2000)
    {
        var resources = Patient(new SyntheticValues(seed), conditions, observations);
        var bundle = new Bundle
        {
            Id = new SyntheticValues(seed + 1).Uuid(),
            Type = Hl7.Fhir.Model.Bundle.BundleType.Searchset,
            Total = resources.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"https://ehr.example.org/fhir/R4/Patient/{resources[0].Id}/$everything" }],
            Entry = [.. resources.Select(resource => new Bundle.EntryComponent
            {
                FullUrl = $"https://ehr.example.org/fhir/R4/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Hl7.Fhir.Model.Bundle.SearchEntryMode.Match },
            })],
        };
        return JsonSerializer.SerializeToUtf8Bytes(bundle, Json);
    }

    /// <summary>
    /// Many patients as one NDJSON stream in the order a FHIR Bulk Data export's files concatenate: every Patient, then
    /// every Condition, then every Observation. Each patient has 2–20 Conditions and 10–60 Observations. Returns the
    /// number of resources written.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "See Json.")]
    public static int Population(Stream output, int patients, int seed = DefaultSeed)
    {
        var count = 0;
        // One pass per type, each generating every patient again from its seed: memory stays one patient's record.
        foreach (var type in new[] { "Patient", "Condition", "Observation" })
        {
            for (var i = 0; i < patients; i++)
            {
                var values = new SyntheticValues(seed * 100_003 + i);
                foreach (var resource in Patient(values, values.Random.Next(2, 21), values.Random.Next(10, 61)).Where(r => r.TypeName == type))
                {
                    JsonSerializer.Serialize(output, resource, Json);
                    output.WriteByte((byte)'\n');
                    count++;
                }
            }
        }
        return count;
    }

    private static List<Resource> Patient(SyntheticValues values, int conditions, int observations)
    {
        var birth = values.Moment(new DateTimeOffset(1940, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1990, 12, 31, 0, 0, 0, TimeSpan.Zero));
        var diagnosis = values.Moment(new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var patient = new Patient
        {
            Id = values.Id(),
            Meta = values.Meta(diagnosis),
            Identifier =
            [
                new Identifier("urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14", values.Random.NextInt64(1_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture))
                {
                    Type = SyntheticValues.Concept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number"),
                },
            ],
            Name = [new HumanName { Family = values.Pick(Families), Given = [values.Pick(Givens)], Use = HumanName.NameUse.Official }],
            Gender = values.Chance(0.99) ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = SyntheticValues.Day(birth),
            Address = [new Address { City = "Springfield", State = "IL", PostalCode = values.Random.Next(60000, 62999).ToString(CultureInfo.InvariantCulture), Country = "US" }],
            Communication =
            [
                new Patient.CommunicationComponent
                {
                    Language = SyntheticValues.Concept("urn:ietf:bcp:47", values.Pick(Languages), "language"),
                    Preferred = true,
                },
            ],
        };
        var resources = new List<Resource>(1 + conditions + observations) { patient };
        resources.AddRange(SyntheticConditions.Build(values, patient.Id, conditions, diagnosis));
        resources.AddRange(SyntheticObservations.Build(values, patient.Id, observations, diagnosis));
        return resources;
    }
}
