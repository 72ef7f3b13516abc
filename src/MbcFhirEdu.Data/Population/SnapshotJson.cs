using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Core.Population;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// A <see cref="ProfileSnapshot"/> as stored (table <c>population_snapshots</c>): compact JSON in declaration order, so the
/// same facts always give the same text, and its SHA-256. An unchanged hash means an unchanged patient: nothing to compare.
/// </summary>
internal static class SnapshotJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static (string Json, string Hash) Serialize(ProfileSnapshot snapshot)
    {
        var json = JsonSerializer.Serialize(snapshot, Options);
        return (json, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }

    /// <summary>The stored snapshot; null when it cannot be read (then the patient is compared as at its baseline).</summary>
    public static ProfileSnapshot? Deserialize(string json)
    {
        try { return JsonSerializer.Deserialize<ProfileSnapshot>(json, Options); }
        catch (JsonException) { return null; }
    }
}
