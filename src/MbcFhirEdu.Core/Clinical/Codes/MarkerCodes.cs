namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// Tumour marker test codes, CODES.md "Tumour markers". The meaning says which marker and which kind of
/// test, because the kind decides how a value is read (a number on a percent code is a percentage; on a
/// ratio code it is the HER2/CEP17 ratio).
/// </summary>
public static class MarkerCodes
{
    private const string Lnc = CodeSystems.Loinc;

    public const string Er = "er";
    public const string ErPercent = "er-percent";
    public const string Pr = "pr";
    public const string PrPercent = "pr-percent";
    public const string Her2Ihc = "her2-ihc";
    public const string Her2Interpretation = "her2-interpretation";
    public const string Her2Ish = "her2-ish";
    public const string Her2IshRatio = "her2-ish-ratio";
    public const string Her2IshCopies = "her2-ish-copies";
    public const string Pdl1 = "pdl1";
    public const string Pdl1TumourCells = "pdl1-tumour-cells";
    public const string Ki67 = "ki67";

    public static readonly CodeTable Tests = new(
    [
        new(Lnc, "85337-4", Er, "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain"),
        new(Lnc, "40556-3", Er, "Estrogen receptor Ag [Presence] in Tissue by Immune stain"),
        new(Lnc, "16112-5", Er, "Estrogen receptor [Interpretation] in Tissue"),
        // (check) confirmed: "Cells.estrogen receptor/100 cells in Breast cancer specimen by Immune stain".
        new(Lnc, "85329-1", ErPercent, "Cells.estrogen receptor/100 cells in Breast cancer specimen"),
        new(Lnc, "85339-0", Pr, "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain"),
        new(Lnc, "40557-1", Pr, "Progesterone receptor Ag [Presence] in Tissue by Immune stain"),
        new(Lnc, "16113-3", Pr, "Progesterone receptor [Interpretation] in Tissue"),
        // (check) confirmed by two of three sources: "Cells.progesterone receptor/100 cells ...".
        new(Lnc, "85325-9", PrPercent, "Cells.progesterone receptor/100 cells in Breast cancer specimen"),
        new(Lnc, "85319-2", Her2Ihc, "HER2 [Presence] in Breast cancer specimen by Immune stain"),
        new(Lnc, "18474-7", Her2Ihc, "HER2 Ag [Presence] in Tissue by Immune stain"),
        new(Lnc, "48676-1", Her2Interpretation, "HER2 [Interpretation] in Tissue"),
        new(Lnc, "85318-4", Her2Ish, "HER2 [Presence] in Breast cancer specimen by FISH"),
        // (check) all three confirmed in published profiles and code lists.
        new(Lnc, "31150-6", Her2Ish, "ERBB2 gene duplication [Presence] in Tissue by FISH"),
        new(Lnc, "49683-6", Her2IshRatio, "ERBB2 gene copy number/Chromosome 17 copy number in Tissue by FISH"),
        new(Lnc, "74860-8", Her2IshCopies, "ERBB2 gene copy number/nucleus in Tissue by FISH"),
        // (check) 83052-1 confirmed as 22C3 [Presence]; 83053-9 is PD-L1 cells/100 viable TUMOUR cells,
        // i.e. a tumour proportion score, which rule 13 does not turn into positive/negative.
        new(Lnc, "83052-1", Pdl1, "PD-L1 by clone 22C3 [Presence] in Tissue by Immune stain"),
        new(Lnc, "83053-9", Pdl1TumourCells, "Cells.PD-L1/100 viable tumor cells in Tissue by Immune stain"),
        new(Lnc, "83055-4", Pdl1, "PD-L1 by clone 28-8 [Presence] in Tissue by Immune stain"),
        new(Lnc, "83057-0", Pdl1, "PD-L1 by clone SP142 [Presence] in Tissue by Immune stain"),
        new(Lnc, "85330-9", Ki67, "Ki-67 (read for completeness; not in the profile)"),
        new(Lnc, "29593-1", Ki67, "Ki-67 (read for completeness; not in the profile)"),
    ]);

    public static bool IsEr(string meaning) => meaning is Er or ErPercent;
    public static bool IsPr(string meaning) => meaning is Pr or PrPercent;
    public static bool IsHer2(string meaning) => meaning is Her2Ihc or Her2Interpretation or Her2Ish or Her2IshRatio or Her2IshCopies;
    public static bool IsPdl1(string meaning) => meaning is Pdl1 or Pdl1TumourCells;
}
