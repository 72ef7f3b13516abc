using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Builds and checks scopes per SMART App Launch 2.2 §2.2 "Scopes and Launch Context": v2 syntax
/// (<c>patient/Condition.rs</c>) when the server advertises <c>permission-v2</c>, v1 (<c>.read</c>) otherwise.
/// </summary>
internal static partial class SmartScopes
{
    /// <summary>The resource types the app reads; the order is the order of the scope string.</summary>
    public static readonly ImmutableArray<string> ClinicalTypes = ["Patient", "Condition", "Observation", "DiagnosticReport"];

    public static IReadOnlyList<string> Build(SmartLaunchMode mode, bool v2, IEnumerable<string> extra)
    {
        var context = mode is SmartLaunchMode.EhrLaunch or SmartLaunchMode.CoordinatorEhrLaunch ? "launch" : "launch/patient";
        // Patient-level scopes are the least privilege whenever a patient is in context (portal and chart launches);
        // a clinician starting outside the EHR, and a coordinator who writes Communications, need user-level access.
        var level = mode is SmartLaunchMode.StandalonePractitioner or SmartLaunchMode.CoordinatorEhrLaunch ? "user" : "patient";
        var permission = v2 ? "rs" : "read";
        var scopes = new List<string> { context, "openid", "fhirUser" };
        scopes.AddRange(ClinicalTypes.Select(type => $"{level}/{type}.{permission}"));
        if (mode == SmartLaunchMode.CoordinatorEhrLaunch)
        {
            // SMART v2 "cru"; v1 has only read and write. The sender's own Practitioner is read for their name.
            if (v2) scopes.AddRange(["user/Communication.cru", "user/Practitioner.rs"]);
            else scopes.AddRange(["user/Communication.read", "user/Communication.write", "user/Practitioner.read"]);
        }
        foreach (var scope in extra)
        {
            if (!string.IsNullOrWhiteSpace(scope) && !scopes.Contains(scope.Trim(), StringComparer.Ordinal)) scopes.Add(scope.Trim());
        }
        return scopes;
    }

    public static IReadOnlyList<string> Parse(string? scope) =>
        string.IsNullOrWhiteSpace(scope) ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How much read access to <paramref name="resourceType"/> the granted scopes give.</summary>
    public static ReadAccess ReadAccessTo(IEnumerable<string> granted, string resourceType)
    {
        var best = ReadAccess.None;
        foreach (var scope in granted)
        {
            var match = ClinicalScope().Match(scope);
            if (!match.Success) continue;
            var type = match.Groups["type"].Value;
            if (type != "*" && type != resourceType) continue;
            if (!AllowsRead(match.Groups["perm"].Value)) continue;
            // v2 scopes may narrow a grant with search parameters (e.g. ?category=laboratory).
            if (match.Groups["query"].Success) best = ReadAccess.Partial;
            else return ReadAccess.Full;
        }
        return best;
    }

    /// <summary>Plain-language notes for every clinical resource the grant leaves out or narrows.</summary>
    public static IReadOnlyList<string> DegradedMessages(IReadOnlyList<string> granted)
    {
        var messages = new List<string>();
        foreach (var type in ClinicalTypes)
        {
            var access = ReadAccessTo(granted, type);
            if (access == ReadAccess.Full) continue;
            var what = type switch
            {
                "Patient" => "basic details such as the preferred language",
                "Condition" => "diagnoses, such as where the cancer has spread",
                "DiagnosticReport" => "imaging and pathology reports, such as a bone scan's findings",
                _ => "test results, such as receptor status, stage and gene results",
            };
            messages.Add(access == ReadAccess.None
                ? $"The health record did not share {what} ({type}), so some recommendations may be missing."
                : $"The health record shared only part of the {what} ({type}), so some recommendations may be missing.");
        }
        return messages;
    }

    private static bool AllowsRead(string permission) =>
        permission is "read" or "*" || (permission.Contains('r') && CrudsOrder().IsMatch(permission));

    [GeneratedRegex(@"^(patient|user)/(?<type>\*|[A-Z][A-Za-z]*)\.(?<perm>read|write|\*|[cruds]+)(?<query>\?.+)?$")]
    private static partial Regex ClinicalScope();

    [GeneratedRegex("^c?r?u?d?s?$")]
    private static partial Regex CrudsOrder();
}

internal enum ReadAccess { None, Partial, Full }
