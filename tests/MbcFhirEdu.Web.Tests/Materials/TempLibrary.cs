using MbcFhirEdu.Core.Tests.Materials;

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
            Add(MaterialText.Universal("en"), "Signs that need help now", "Señales que necesitan ayuda ya");
        }
    }

    public string Root { get; }

    /// <summary>A general material (no requirements) with <paramref name="status"/> in both languages.</summary>
    public TempLibrary Add(string id, string title, string spanishTitle, string status = "approved") =>
        Add(new MaterialText { Id = id }.WithStatus(status), title, spanishTitle);

    /// <summary>Writes <c>en/{id}.md</c> and its Spanish twin.</summary>
    public TempLibrary Add(MaterialText english, string title, string spanishTitle) =>
        Write(english with { Title = title }).Write(english.SpanishTwin(spanishTitle));

    public TempLibrary Write(MaterialText text)
    {
        File.WriteAllText(Path.Combine(Root, text.Path), text.ToString());
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
