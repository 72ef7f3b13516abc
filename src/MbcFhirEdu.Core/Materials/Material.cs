namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// One education material in one language: the front matter of the content README plus the Markdown
/// body and its computed reading figures. A translation shares <see cref="Id"/> with its English original.
/// </summary>
public sealed record Material
{
    /// <summary>Lower-case, digits and hyphens; equals the file name.</summary>
    public required string Id { get; init; }
    /// <summary>"en" or "es"; equals the folder.</summary>
    public required string Language { get; init; }
    public required string Title { get; init; }
    /// <summary>One or two plain sentences shown in lists.</summary>
    public required string Summary { get; init; }
    /// <summary>Tags from <see cref="Tags"/>.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>Facts that must all hold for the profile (empty: goes to everyone).</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];
    /// <summary>Facts of which at least one must hold, when not empty.</summary>
    public IReadOnlyList<string> RequiresAny { get; init; } = [];
    /// <summary>1-99, lower first within its group.</summary>
    public int Priority { get; init; } = 50;
    /// <summary>Red-flag guidance, shown first.</summary>
    public bool Urgent { get; init; }
    /// <summary>Draft, approved or retired; Production shows only approved materials.</summary>
    public MaterialStatus Status { get; init; } = MaterialStatus.Draft;
    /// <summary>The reviewer's role (e.g. "oncology nurse educator"); empty for a draft.</summary>
    public string ReviewedBy { get; init; } = "";
    public DateOnly? ReviewedOn { get; init; }
    /// <summary>When the next review is due: after <see cref="ReviewedOn"/>, at most two years later.</summary>
    public DateOnly? ReviewDue { get; init; }
    /// <summary>Public titles with their https URL: "Title (https://…)".</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>True when the material comes from the deploying organisation's local library (<c>Content:LocalRoot</c>).</summary>
    public bool Local { get; init; }
    /// <summary>The Markdown after the front matter.</summary>
    public string Body { get; init; } = "";
    /// <summary>Path relative to the content root, '/'-separated (e.g. "en/bone-metastases.md").</summary>
    public string Path { get; init; } = "";
    /// <summary>1-based file line where <see cref="Body"/> starts, for problem reports.</summary>
    public int BodyLine { get; init; } = 1;
    public ReadabilityScore Readability { get; init; } = new(0, 0, 0, 0, 0);

    /// <summary><see cref="Requires"/> followed by <see cref="RequiresAny"/>.</summary>
    public IEnumerable<string> AllRequirements => Requires.Concat(RequiresAny);
}
