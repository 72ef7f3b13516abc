using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// The governance keys of the front matter (issue 17 item 4): <c>status</c>, <c>reviewedBy</c>, <c>reviewedOn</c>,
/// <c>reviewDue</c> and the form of <c>sources</c>. An approved material names its reviewer's role and both dates,
/// and its next review is due after the last one and at most <see cref="MaxReviewInterval"/> years later.
/// </summary>
internal static partial class Governance
{
    /// <summary>Longest time, in years, between a review and the next one.</summary>
    public const int MaxReviewInterval = 2;

    /// <summary>Keys that are gone, with what to write instead (the conversion script removes them).</summary>
    public static readonly IReadOnlyDictionary<string, string> RetiredKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reviewed"] = "was replaced by status, reviewedBy, reviewedOn and reviewDue",
        ["core"] = "is no longer used: every English material needs a Spanish version; delete the line",
    };

    public static Material Read(FrontMatterFields fields, Material material)
    {
        var status = Status(fields);
        var reviewedBy = fields.OptionalText("reviewedBy");
        var reviewedOn = fields.OptionalDate("reviewedOn");
        var reviewDue = fields.OptionalDate("reviewDue");
        if (status == MaterialStatus.Approved)
        {
            if (reviewedBy.Length == 0)
            {
                fields.Report("reviewedBy", "is required when status is approved: the reviewer's role, e.g. \"oncology nurse educator\"", fields.Find("reviewedBy") ?? fields.Find("status"));
            }
            foreach (var (key, value) in new[] { ("reviewedOn", reviewedOn), ("reviewDue", reviewDue) })
            {
                // A value that is there but not a date was reported already; only an empty one is "required".
                if (value is null && !fields.HasValue(key))
                {
                    fields.Report(key, "is required when status is approved (YYYY-MM-DD)", fields.Find(key) ?? fields.Find("status"));
                }
            }
        }
        if (reviewDue is { } due)
        {
            if (reviewedOn is not { } on)
            {
                fields.Report("reviewDue", "needs reviewedOn: the next review is counted from the last one", fields.Find("reviewDue"));
            }
            else if (due <= on)
            {
                fields.Report("reviewDue", $"{Date(due)} must come after reviewedOn {Date(on)}", fields.Find("reviewDue"));
            }
            else if (due > on.AddYears(MaxReviewInterval))
            {
                fields.Report("reviewDue", $"{Date(due)} is more than {MaxReviewInterval} years after reviewedOn {Date(on)}; set it on or before {Date(on.AddYears(MaxReviewInterval))}", fields.Find("reviewDue"));
            }
        }
        foreach (var source in material.Sources)
        {
            if (SourceProblem(source) is { } why)
            {
                fields.Report("sources", why, fields.Find("sources"));
            }
        }
        return material with { Status = status, ReviewedBy = reviewedBy, ReviewedOn = reviewedOn, ReviewDue = reviewDue };
    }

    /// <summary>Why a <c>sources</c> entry is not "Public title (https://url)", or null when it is.</summary>
    public static string? SourceProblem(string source)
    {
        if (SeedReference().IsMatch(source))
        {
            return $"'{source}' cites a seed file; cite the public page it came from as \"Public title (https://…)\", or leave it out";
        }
        var match = SourcePattern().Match(source);
        if (!match.Success)
        {
            return $"'{source}' must be a public title followed by its https URL in brackets: \"Public title (https://…)\"";
        }
        var url = match.Groups["url"].Value;
        if (!url.StartsWith("https://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return $"'{source}': the URL must be an https:// address a reader can open";
        }
        return null;
    }

    private static MaterialStatus Status(FrontMatterFields fields)
    {
        var text = fields.Text("status");
        switch (text)
        {
            case "draft": return MaterialStatus.Draft;
            case "approved": return MaterialStatus.Approved;
            case "retired": return MaterialStatus.Retired;
            case "":
                return MaterialStatus.Draft;
            default:
                fields.Report("status", $"'{text}' must be draft, approved or retired", fields.Find("status"), breaks: true);
                return MaterialStatus.Draft;
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<title>.*\S)\s+\((?<url>[^\s()]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();

    // "Seed 004 (shared/seeds/004_….txt)", "Seeds 000 and 002 (…)", or any path to a seed text.
    [GeneratedRegex(@"(^Seeds?\s+\d)|seeds/|\b\d{3}_[0-9a-f]{16}\.txt\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SeedReference();
}
