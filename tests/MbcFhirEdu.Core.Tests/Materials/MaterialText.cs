namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>Builds a material file that passes every check unless a test changes one part of it.</summary>
public sealed record MaterialText
{
    public string Id { get; init; } = "coping-and-support";
    public string Language { get; init; } = "en";
    public string Topics { get; init; } = "[general]";
    public string Requires { get; init; } = "[]";
    public string? RequiresAny { get; init; }
    public string Priority { get; init; } = "50";
    public string Urgent { get; init; } = "false";
    public string Status { get; init; } = "approved";
    public string ReviewedBy { get; init; } = "\"oncology nurse educator\"";
    public string ReviewedOn { get; init; } = "2026-11-22";
    public string ReviewDue { get; init; } = "2028-11-22";
    public string Source { get; init; } = "\"National Cancer Institute (https://www.cancer.gov)\"";
    public string? Extra { get; init; }
    public string? Body { get; init; }
    /// <summary>Null: "Support" / "Apoyo".</summary>
    public string? Title { get; init; }

    public string Path => $"{Language}/{Id}.md";

    /// <summary>
    /// The universal warning-signs material (tag urgent:any-metastatic) that every library needs in each of its
    /// languages; the checker's test helpers add it so each test sees only the problem it makes.
    /// </summary>
    public static MaterialText Universal(string language) => new()
    {
        Id = "signs-that-need-help-now",
        Language = language,
        Topics = "[urgent:any-metastatic]",
        Requires = "[urgent:any-metastatic]",
        Priority = "1",
        Urgent = "true",
    };

    /// <summary>The same material in Spanish, with a Spanish body: the translation every English material needs.</summary>
    public MaterialText SpanishTwin(string? title = null) => this with { Language = "es", Body = SpanishBody, Title = title };

    /// <summary>This material with <paramref name="status"/>; a draft or retired one with empty review fields.</summary>
    public MaterialText WithStatus(string status) => status == "approved"
        ? this with { Status = status }
        : this with { Status = status, ReviewedBy = "\"\"", ReviewedOn = "\"\"", ReviewDue = "\"\"" };

    public override string ToString() =>
        $"""
        ---
        id: {Id}
        language: {Language}
        title: {Title ?? (Language == "es" ? "Apoyo" : "Support")}
        summary: {(Language == "es" ? "Ayuda para usted." : "Help for you.")}
        topics: {Topics}
        requires: {Requires}
        {(RequiresAny is null ? "" : "requires-any: " + RequiresAny)}
        priority: {Priority}
        urgent: {Urgent}
        status: {Status}
        reviewedBy: {ReviewedBy}
        reviewedOn: {ReviewedOn}
        reviewDue: {ReviewDue}
        {Extra ?? ""}
        sources:
          - {Source}
        ---

        {Body ?? (Language == "es" ? SpanishBody : EnglishBody)}
        """ + "\n";

    public const string EnglishBody = """
        ## What it is

        This is a short note. It is easy to read.

        ## What you may notice

        You may feel tired. That is common.

        ## When to call your care team right away

        Call if you feel very sick.

        ## Questions to ask

        - Who can I call?

        ## Where to learn more

        - [Cancer.gov](https://www.cancer.gov)
        """;

    public const string SpanishBody = """
        ## Qué es

        Esta es una nota corta. Se lee fácil.

        ## Lo que puede notar

        Puede sentir cansancio. Es común.

        ## Cuándo llamar a su equipo de atención de inmediato

        Llame si tiene dolor.

        ## Preguntas para hacer

        - ¿A quién llamo?

        ## Dónde obtener más información

        - [Cancer.gov](https://www.cancer.gov/espanol)
        """;
}
