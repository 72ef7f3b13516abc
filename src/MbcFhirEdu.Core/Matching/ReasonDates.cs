using System.Globalization;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// Dates in reasons: "2 March 2024" (en), "2 de marzo de 2024" (es), ISO for resource refs. Month names are
/// spelled out here because the service runs with InvariantGlobalization (no culture data).
/// </summary>
internal static class ReasonDates
{
    private static readonly string[] English =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Spanish =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    public static string Long(DateOnly date, string language) => language == "es"
        ? $"{date.Day} de {Spanish[date.Month - 1]} de {date.Year}"
        : $"{date.Day} {English[date.Month - 1]} {date.Year}";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
