using System.Text.Json.Nodes;

namespace MbcFhirEdu.Web.Features.FhirApi;

/// <summary>
/// The conformance resources fhir-profiles publishes (compiled by SUSHI, copied next to the program): the MbcEduServer
/// CapabilityStatement and the <c>$education</c> OperationDefinition. Served as compiled, except that the statement
/// becomes an <c>instance</c> statement naming the real FHIR base (R4 cpb-15: an instance has <c>implementation</c>).
/// </summary>
internal sealed class CapabilityDocuments
{
    private readonly string _capability;

    public CapabilityDocuments()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fhir");
        _capability = File.ReadAllText(Path.Combine(folder, "CapabilityStatement-mbcedu-server.json"));
        OperationDefinition = File.ReadAllText(Path.Combine(folder, "OperationDefinition-education.json"));
    }

    public string OperationDefinition { get; }

    public string CapabilityStatement(string fhirBase, DateTimeOffset now)
    {
        var statement = JsonNode.Parse(_capability)!.AsObject();
        statement["kind"] = "instance";
        statement["date"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        statement["implementation"] = new JsonObject { ["description"] = "MbcFhirEdu", ["url"] = fhirBase };
        return statement.ToJsonString();
    }
}
