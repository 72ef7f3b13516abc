namespace MbcFhirEdu.Web.Features.Materials;

/// <summary>
/// Settings of the content library the app serves, bound from the <c>Content</c> configuration section and checked at
/// start (issue 17 items 4 and 5).
/// </summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>
    /// The deploying organisation's local library: a folder with <c>en/</c> and <c>es/</c> whose materials add to,
    /// replace (same id) or retire (<c>status: retired</c>) built-in ones. Checked with the same rules at start; a bad
    /// file stops start-up naming the file and field. Unset: the built-in library alone.
    /// </summary>
    public string? LocalRoot { get; set; }

    /// <summary>
    /// Show draft materials (marked "Draft") beside approved ones. Unset: true in Development, false elsewhere, so
    /// Production shows only approved materials. Retired materials are never shown.
    /// </summary>
    public bool? IncludeDrafts { get; set; }

    /// <summary><see cref="IncludeDrafts"/>, or the environment's default when it is unset.</summary>
    public bool ShowsDrafts(IHostEnvironment environment) => IncludeDrafts ?? environment.IsDevelopment();
}
