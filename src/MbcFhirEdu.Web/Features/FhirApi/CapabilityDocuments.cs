using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.WriteBack;

namespace MbcFhirEdu.Web.Features.FhirApi;

/// <summary>
/// The conformance resources fhir-profiles publishes (compiled by SUSHI, copied next to the program): the MbcEduServer
/// CapabilityStatement and the <c>$education</c> OperationDefinition, read once into Firely POCOs (strictly: they are our
/// own files, so a broken one fails at start). Served as compiled, except that the statement becomes an <c>instance</c>
/// statement naming the real FHIR base (R4 cpb-15: an instance has <c>implementation</c>).
/// </summary>
internal sealed class CapabilityDocuments
{
    private readonly CapabilityStatement _capability;

    public CapabilityDocuments()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fhir");
        _capability = Read<CapabilityStatement>(Path.Combine(folder, "CapabilityStatement-mbcedu-server.json"));
        OperationDefinition = Read<OperationDefinition>(Path.Combine(folder, "OperationDefinition-education.json"));
    }

    /// <summary>Shared by every request: never changed after start.</summary>
    public OperationDefinition OperationDefinition { get; }

    public CapabilityStatement CapabilityStatement(string fhirBase, DateTimeOffset now)
    {
        // A copy per request: the template is shared by concurrent requests.
        var statement = (CapabilityStatement)_capability.DeepCopy();
        statement.Kind = CapabilityStatementKind.Instance;
        statement.Date = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        statement.Implementation = new CapabilityStatement.ImplementationComponent { Description = "MbcFhirEdu", Url = fhirBase };
        return statement;
    }

    private static T Read<T>(string path) where T : Resource =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), FhirJsonOutput.Options) ?? throw new InvalidDataException(path + " is empty.");
}
