namespace MbcFhirEdu.Web.Tests.Materials;

/// <summary>
/// A throw-away content library (en/, es/) that passes <c>mbcedu content check</c> unless a test writes a bad file:
/// the universal warning-signs material in both languages plus whatever each test adds.
/// </summary>
internal sealed class TempLibrary : IDisposable
{
    public TempLibrary(bool withUniversal = true)
    {
        Root = Directory.CreateTempSubdirectory("mbcedu-web-content-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "en"));
        Directory.CreateDirectory(Path.Combine(Root, "es"));
        if (withUniversal)
        {
            const string universal = "topics: [urgent:any-metastatic]\nrequires: [urgent:any-metastatic]\npriority: 1\nurgent: true";
            Add("signs-that-need-help-now", "Signs that need help now", "Señales que necesitan ayuda ya", universal);
        }
    }

    public string Root { get; }

    /// <summary>Writes <c>en/{id}.md</c> and <c>es/{id}.md</c>, both with <paramref name="status"/>.</summary>
    public TempLibrary Add(string id, string title, string spanishTitle, string tags = General, string status = "approved") =>
        Write("en", id, title, tags, status).Write("es", id, spanishTitle, tags, status);

    /// <summary>Writes one file; <paramref name="status"/> "approved" adds the review fields.</summary>
    public TempLibrary Write(string language, string id, string title, string tags = General, string status = "approved")
    {
        var review = status == "approved"
            ? "reviewedBy: \"oncology nurse educator\"\nreviewedOn: 2026-11-22\nreviewDue: 2028-11-22"
            : "reviewedBy: \"\"\nreviewedOn: \"\"\nreviewDue: \"\"";
        var text = $"---\nid: {id}\nlanguage: {language}\ntitle: {title}\nsummary: {(language == "es" ? "Ayuda para usted." : "Help for you.")}\n" +
            $"{tags}\nstatus: {status}\n{review}\nsources:\n  - \"National Cancer Institute (https://www.cancer.gov)\"\n---\n\n" +
            (language == "es" ? SpanishBody : EnglishBody);
        File.WriteAllText(Path.Combine(Root, language, id + ".md"), text);
        return this;
    }

    public const string General = "topics: [general]\nrequires: []\npriority: 50\nurgent: false";

    private const string EnglishBody = """
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

    private const string SpanishBody = """
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

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
