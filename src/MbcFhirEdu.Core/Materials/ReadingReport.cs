namespace MbcFhirEdu.Core.Materials;

/// <summary>One material's reading figures and review state for <c>mbcedu content report</c>.</summary>
/// <param name="WithinLimit">FK ≤ <see cref="ReadingReport.MaxGrade"/> for English, FH ≥ <see cref="ReadingReport.MinFernandezHuerta"/> for Spanish.</param>
public sealed record ReadingRow(
    string Path, string Id, string Language, int Words, int Sentences, int Syllables,
    double FleschKincaidGrade, double FernandezHuerta, bool WithinLimit)
{
    public MaterialStatus Status { get; init; }
    public DateOnly? ReviewedOn { get; init; }
    public DateOnly? ReviewDue { get; init; }
    /// <summary>From the deploying organisation's local library.</summary>
    public bool Local { get; init; }

    /// <summary>The grade the language is judged by: Flesch-Kincaid for English, Fernández-Huerta for Spanish.</summary>
    public double Grade => Language == MaterialCatalog.Spanish ? FernandezHuerta : FleschKincaidGrade;

    /// <summary>
    /// An approved material whose next review falls on or before <paramref name="today"/> plus
    /// <paramref name="withinDays"/> (a past date too); drafts await their first review, retired ones none.
    /// </summary>
    public bool IsDue(DateOnly today, int withinDays) =>
        Status == MaterialStatus.Approved && ReviewDue is { } due && due <= today.AddDays(withinDays);
}

/// <summary>The library's reading figures, review dates and the limits of the content README ("Writing rules").</summary>
public static class ReadingReport
{
    /// <summary>Highest Flesch-Kincaid grade for one English material.</summary>
    public const double MaxGrade = 8;

    /// <summary>Highest average Flesch-Kincaid grade over the English library.</summary>
    public const double MaxAverageGrade = 7;

    /// <summary>Lowest Fernández-Huerta score for one Spanish material.</summary>
    public const double MinFernandezHuerta = 60;

    /// <summary>A row per material, ordered by path.</summary>
    public static IReadOnlyList<ReadingRow> Rows(MaterialCatalog catalog) =>
        catalog.Materials.OrderBy(m => m.Path, StringComparer.Ordinal).Select(Row).ToList();

    public static ReadingRow Row(Material m)
    {
        var r = m.Readability;
        var ok = m.Language == MaterialCatalog.Spanish ? r.FernandezHuerta >= MinFernandezHuerta : r.FleschKincaidGrade <= MaxGrade;
        return new ReadingRow(m.Path, m.Id, m.Language, r.Words, r.Sentences, r.Syllables, r.FleschKincaidGrade, r.FernandezHuerta, ok)
        {
            Status = m.Status,
            ReviewedOn = m.ReviewedOn,
            ReviewDue = m.ReviewDue,
            Local = m.Local,
        };
    }

    /// <summary>Mean Flesch-Kincaid grade of the English rows (each already rounded), rounded to 2 decimals; null without English rows.</summary>
    public static double? EnglishAverageGrade(IEnumerable<ReadingRow> rows)
    {
        var grades = rows.Where(r => r.Language == MaterialCatalog.English).Select(r => r.FleschKincaidGrade).ToList();
        return grades.Count == 0 ? null : PythonRound.ToTwoDecimals(grades.Average());
    }
}
