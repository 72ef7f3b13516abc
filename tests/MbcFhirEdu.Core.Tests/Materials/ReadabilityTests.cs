using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>
/// Expected figures come from running /work/tools/readability.py (its split_front_matter + measure)
/// on the same texts; the C# port must match them exactly.
/// </summary>
public sealed class ReadabilityTests
{
    private const string EnglishMix = """
        ---
        id: a
        ---

        ## What it is

        Metastatic breast cancer is breast cancer that has spread. It is still breast cancer! Doctors call it "stage IV." Is it curable? Not usually, but it can be treated for years.

        - Advanced breast cancer
        - Stage 4 (or stage IV) breast cancer
        1. A numbered item with [a link](other-id.md) and https://example.org/x.

        ### A heading that is skipped

        The *care team* uses tests like CT scans, MRIs and a bone scan. They talked, wanted, needed, and baked; the little table is simple.
        Wait—re-evaluate the well-known co-operative approach. It's 2024 and 10-year-olds' hopes matter.

        """;

    private const string SpanishMix = """
        ---
        id: b
        ---

        ## Qué es

        El cáncer de mama metastásico es un cáncer que se ha extendido a otras partes del cuerpo. Sigue siendo cáncer de mama. ¿Se puede curar? Por lo general no, pero se puede tratar durante años.

        - Cáncer de mama avanzado
        - Cáncer de mama en estadio IV (o 4)

        Su equipo de atención le explicará los resultados. Pregunte sobre la quimioterapia, la radioterapia y la inmunoterapia. Él está aquí; Área, ÓRGANO, país, aéreo, oído.

        """;

    private const string NoFrontMatter = """
        No front matter here. Just one line of text with words like beautiful, queue, rhythm, and fire.
        Another line. Sentences "quoted." then (bracketed.) and more!  End

        """;

    private const string Punctuation = """
        ---
        id: d
        ---
        Tests    such as 3.5 mm scans happen. Dr. Smith said so... Then, "Really?" she asked. ¿Y usted? Sí.
        * Item one: anxiety, fatigue and nausea
        + Item two — immunotherapy!Another

        """;

    [Theory]
    [InlineData(EnglishMix, "en", 84, 12, 120, 4.0, 113.99)]
    [InlineData(SpanishMix, "es", 72, 9, 146, 11.46, 77.01)]
    [InlineData(SpanishMix, "en", 72, 9, 124, 7.85, 95.35)]
    [InlineData(NoFrontMatter, "en", 26, 7, 36, 2.2, 119.97)]
    [InlineData(Punctuation, "en", 29, 9, 45, 3.98, 110.45)]
    [InlineData(Punctuation, "es", 29, 9, 47, 4.79, 106.31)]
    public void Measure_MatchesPythonReference(string text, string language, int words, int sentences, int syllables, double fk, double fh)
    {
        var score = Readability.Measure(FrontMatter.Split(text).Body, language);

        Assert.Equal(new ReadabilityScore(words, sentences, syllables, fk, fh), score);
    }

    [Theory]
    [InlineData("table", 2)]
    [InlineData("baked", 1)]
    [InlineData("wanted", 2)]
    [InlineData("needed", 2)]
    [InlineData("fire", 1)]
    [InlineData("queue", 1)]
    [InlineData("rhythm", 1)]
    [InlineData("re-evaluate", 4)]
    [InlineData("co-operative", 5)]
    [InlineData("10-year-olds", 3)]
    [InlineData("2024", 1)]
    [InlineData("agreed", 2)]
    [InlineData("it's", 1)]
    public void SyllablesEn_MatchesPythonReference(string word, int expected) =>
        Assert.Equal(expected, Readability.SyllablesEn(word));

    [Theory]
    [InlineData("país", 2)]
    [InlineData("aéreo", 4)]
    [InlineData("oído", 3)]
    [InlineData("Área", 3)]
    [InlineData("ÓRGANO", 3)]
    [InlineData("Él", 1)]
    [InlineData("quimioterapia", 5)]
    [InlineData("ciudad", 2)]
    [InlineData("guerra", 2)]
    [InlineData("año", 2)]
    [InlineData("3", 1)]
    public void SyllablesEs_MatchesPythonReference(string word, int expected) =>
        Assert.Equal(expected, Readability.SyllablesEs(word));

    [Fact]
    public void Measure_CrLfText_CountsLikeLf()
    {
        var lf = FrontMatter.Split(EnglishMix).Body;

        Assert.Equal(Readability.Measure(lf, "en"), Readability.Measure(lf.Replace("\n", "\r\n"), "en"));
    }

    [Fact]
    public void Measure_EmptyBody_FloorsCountsAtOne()
    {
        var score = Readability.Measure("", "en");

        // 0.39·1/1 + 11.8·0/1 − 15.59, as the script computes it.
        Assert.Equal(new ReadabilityScore(0, 0, 0, -15.2, 205.82), score);
    }
}

/// <summary>Expected values are Python's <c>round(x, 2)</c> for the same doubles.</summary>
public sealed class PythonRoundTests
{
    [Theory]
    [InlineData(2.675, 2.67)]
    [InlineData(0.125, 0.12)]
    [InlineData(0.375, 0.38)]
    [InlineData(1.005, 1.0)]
    [InlineData(-2.675, -2.67)]
    [InlineData(8.005, 8.01)]
    [InlineData(7.995, 8.0)]
    [InlineData(0.015, 0.01)]
    [InlineData(1e-320, 0.0)]
    [InlineData(123456.785, 123456.79)]
    [InlineData(-0.005, -0.01)]
    [InlineData(6.165, 6.17)]
    public void ToTwoDecimals_MatchesPythonRound(double value, double expected) =>
        Assert.Equal(expected, MbcFhirEdu.Core.Materials.PythonRound.ToTwoDecimals(value));
}
