namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// One problem in the content library: the file (relative to the content root, e.g. "en/bone-metastases.md",
/// or "en/" for a library-wide rule), the front-matter field or body part ("topics", "sections", "links",
/// "reading-grade", "seeds"…), a plain message, and the 1-based file line when one is known.
/// </summary>
public sealed record ContentProblem(string File, string Field, string Message, int? Line = null)
{
    public override string ToString() =>
        Line is { } line ? $"{File}:{line}: {Field}: {Message}" : $"{File}: {Field}: {Message}";
}
