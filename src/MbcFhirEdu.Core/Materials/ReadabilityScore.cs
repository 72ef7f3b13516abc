namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Reading figures for one text, as <c>tools/readability.py</c> prints them. The two scores are
/// rounded to two decimals exactly like Python's <c>round(x, 2)</c>, so thresholds compare the same.
/// </summary>
/// <param name="Words">Counted words.</param>
/// <param name="Sentences">Counted sentences.</param>
/// <param name="Syllables">Counted syllables (English or Spanish rules, by the text's language).</param>
/// <param name="FleschKincaidGrade">Flesch-Kincaid grade level; lower is easier.</param>
/// <param name="FernandezHuerta">Fernández-Huerta reading ease; higher is easier.</param>
public sealed record ReadabilityScore(int Words, int Sentences, int Syllables, double FleschKincaidGrade, double FernandezHuerta);
