using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>FHIR errors as OperationOutcome (FHIR R4 §3.1.0.4 "RESTful API: error handling").</summary>
internal static class OperationOutcomes
{
    /// <param name="code">An IssueType code: login, forbidden, not-found, invalid, not-supported, transient, too-costly, duplicate.</param>
    public static FhirJsonResult Create(int status, string code, string diagnostics, IReadOnlyDictionary<string, string>? headers = null) =>
        FhirJsonResult.Resource(new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = status >= 500 ? OperationOutcome.IssueSeverity.Fatal : OperationOutcome.IssueSeverity.Error,
                    Code = EnumUtility.ParseLiteral<OperationOutcome.IssueType>(code) ?? throw new ArgumentException($"'{code}' is not an IssueType code.", nameof(code)),
                    Diagnostics = diagnostics,
                },
            ],
        }, status, headers);

    public static FhirJsonResult Unauthorized(string diagnostics) => Create(StatusCodes.Status401Unauthorized, "login", diagnostics,
        new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer realm=\"sandbox-fhir\", error=\"invalid_token\"" });

    public static FhirJsonResult Forbidden(string diagnostics) => Create(StatusCodes.Status403Forbidden, "forbidden", diagnostics);

    public static FhirJsonResult NotFound(string diagnostics) => Create(StatusCodes.Status404NotFound, "not-found", diagnostics);

    public static FhirJsonResult Invalid(string diagnostics) => Create(StatusCodes.Status400BadRequest, "invalid", diagnostics);
}
