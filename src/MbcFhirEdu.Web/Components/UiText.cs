using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Components;

/// <summary>The page's own words in English and Spanish (the materials carry their own language).</summary>
public sealed record UiText
{
    public required string Lang { get; init; }
    public required string SkipLink { get; init; }
    public required string Brand { get; init; }
    public required string NavLabel { get; init; }
    public required string Footer { get; init; }
    public required string PatientTitle { get; init; }
    public required string ClinicianTitle { get; init; }
    public required string Intro { get; init; }
    public required string BannerLabel { get; init; }
    public required string BornLabel { get; init; }
    public required string CareTeamHeading { get; init; }
    public required string CareTeamEmpty { get; init; }
    public required string CareTeamIntro { get; init; }
    public required string CareTeamSent { get; init; }
    public required string CareTeamNote { get; init; }
    public required string NotesHeading { get; init; }
    public required string WhyHeading { get; init; }
    public required string ReadHere { get; init; }
    public required string OpenAlone { get; init; }
    public required string InEnglish { get; init; }
    public required string OtherLanguage { get; init; }
    public required string OtherLanguageCode { get; init; }
    public required string Print { get; init; }
    public required string BackToList { get; init; }
    /// <summary>The link to the sign-out page (<c>/logout</c>).</summary>
    public required string SignOut { get; init; }
    public required string NoMaterials { get; init; }
    public required string UrgentHeading { get; init; }
    public required string SiteHeading { get; init; }
    public required string BiomarkerHeading { get; init; }
    public required string GeneralHeading { get; init; }
    public required string FallbackNote { get; init; }
    /// <summary>
    /// For a patient the record shows has died (CODES.md rule 16): said in place of the materials, and the note the
    /// recommendations carry.
    /// </summary>
    public required string DeceasedNote { get; init; }
    public required IReadOnlyDictionary<PatientRecordPart, string> Missing { get; init; }
    public required IReadOnlyDictionary<PatientRecordPart, string> Incomplete { get; init; }

    public string GroupHeading(RecommendationGroup group) => group switch
    {
        RecommendationGroup.Urgent => UrgentHeading,
        RecommendationGroup.Site => SiteHeading,
        RecommendationGroup.Biomarker => BiomarkerHeading,
        _ => GeneralHeading,
    };

    /// <summary>"es…" → Spanish, anything else → English.</summary>
    public static UiText For(string? language) => language is not null && language.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Spanish : English;

    public static readonly UiText English = new()
    {
        Lang = "en",
        SkipLink = "Skip to main content",
        Brand = "Metastatic breast cancer education",
        NavLabel = "Page",
        Footer = "Education, not medical advice. Talk with your care team about your own care.",
        PatientTitle = "Education materials for you",
        ClinicianTitle = "Education materials for this patient",
        Intro = "These materials were chosen from what your health record says. Each one says why you are seeing it. They do not replace talking with your care team.",
        BannerLabel = "Patient",
        BornLabel = "Born",
        CareTeamHeading = "From your care team",
        CareTeamEmpty = "Nothing from your care team yet.",
        CareTeamIntro = "Your care team chose these for you. Please read them first.",
        CareTeamSent = "sent",
        CareTeamNote = "Note from your care team:",
        NotesHeading = "Please note",
        WhyHeading = "Why you are seeing this",
        ReadHere = "Read it here",
        OpenAlone = "Open on its own page",
        InEnglish = "(in English)",
        OtherLanguage = "Ver en español",
        OtherLanguageCode = "es",
        Print = "Print these materials",
        BackToList = "Back to your materials",
        SignOut = "Sign out",
        NoMaterials = "No materials fit what we could read from your record.",
        UrgentHeading = "When to get help right away",
        SiteHeading = "About where the cancer has spread",
        BiomarkerHeading = "About your cancer's test results and treatment",
        GeneralHeading = "For everyone living with metastatic breast cancer",
        FallbackNote = "This material is not yet in your language; it is shown in English.",
        DeceasedNote = "The health record shows that this person has died. We are sorry for your loss. This app does not show education materials for someone who has died.",
        Missing = new Dictionary<PatientRecordPart, string>
        {
            [PatientRecordPart.Patient] = "We could not load your basic details (such as your preferred language) right now; what you see may be incomplete.",
            [PatientRecordPart.Conditions] = "We could not load your diagnoses right now; what you see may be incomplete.",
            [PatientRecordPart.LabObservations] = "We could not load your lab results right now; what you see may be incomplete.",
            [PatientRecordPart.CancerFactObservations] = "We could not load your stage and tumour test results right now; what you see may be incomplete.",
            [PatientRecordPart.Reports] = "We could not load your imaging and pathology reports right now; what you see may be incomplete.",
        },
        Incomplete = new Dictionary<PatientRecordPart, string>
        {
            [PatientRecordPart.Patient] = "Only part of your basic details could be loaded; what you see may be incomplete.",
            [PatientRecordPart.Conditions] = "Only part of your diagnoses could be loaded; what you see may be incomplete.",
            [PatientRecordPart.LabObservations] = "Only part of your lab results could be loaded; what you see may be incomplete.",
            [PatientRecordPart.CancerFactObservations] = "Only part of your stage and tumour test results could be loaded; what you see may be incomplete.",
            [PatientRecordPart.Reports] = "Only part of your imaging and pathology reports could be loaded; what you see may be incomplete.",
        },
    };

    public static readonly UiText Spanish = new()
    {
        Lang = "es",
        SkipLink = "Saltar al contenido principal",
        Brand = "Información sobre el cáncer de mama metastásico",
        NavLabel = "Página",
        Footer = "Información educativa, no consejo médico. Hable con su equipo de atención sobre su cuidado.",
        PatientTitle = "Materiales educativos para usted",
        ClinicianTitle = "Materiales educativos para este paciente",
        Intro = "Estos materiales se eligieron según lo que dice su historia clínica. Cada uno explica por qué lo ve. No reemplazan hablar con su equipo de atención.",
        BannerLabel = "Paciente",
        BornLabel = "Fecha de nacimiento",
        CareTeamHeading = "De su equipo de atención",
        CareTeamEmpty = "Todavía no hay nada de su equipo de atención.",
        CareTeamIntro = "Su equipo de atención eligió estos materiales para usted. Léalos primero.",
        CareTeamSent = "enviado el",
        CareTeamNote = "Nota de su equipo de atención:",
        NotesHeading = "Tenga en cuenta",
        WhyHeading = "Por qué ve esto",
        ReadHere = "Leer aquí",
        OpenAlone = "Abrir en una página aparte",
        InEnglish = "(en inglés)",
        OtherLanguage = "View in English",
        OtherLanguageCode = "en",
        Print = "Imprimir estos materiales",
        BackToList = "Volver a sus materiales",
        SignOut = "Cerrar sesión",
        NoMaterials = "Ningún material corresponde a lo que pudimos leer de su historia clínica.",
        UrgentHeading = "Cuándo pedir ayuda de inmediato",
        SiteHeading = "Sobre dónde se ha extendido el cáncer",
        BiomarkerHeading = "Sobre los resultados de las pruebas de su cáncer y el tratamiento",
        GeneralHeading = "Para todas las personas con cáncer de mama metastásico",
        FallbackNote = "Este material aún no está en su idioma; se muestra en inglés.",
        DeceasedNote = "La historia clínica indica que esta persona ha fallecido. Lamentamos mucho su pérdida. Esta aplicación no muestra materiales educativos para una persona fallecida.",
        Missing = new Dictionary<PatientRecordPart, string>
        {
            [PatientRecordPart.Patient] = "No pudimos cargar sus datos básicos (como su idioma preferido) en este momento; lo que ve puede estar incompleto.",
            [PatientRecordPart.Conditions] = "No pudimos cargar sus diagnósticos en este momento; lo que ve puede estar incompleto.",
            [PatientRecordPart.LabObservations] = "No pudimos cargar sus resultados de laboratorio en este momento; lo que ve puede estar incompleto.",
            [PatientRecordPart.CancerFactObservations] = "No pudimos cargar su etapa ni los resultados de las pruebas del tumor en este momento; lo que ve puede estar incompleto.",
            [PatientRecordPart.Reports] = "No pudimos cargar sus informes de imágenes y de patología en este momento; lo que ve puede estar incompleto.",
        },
        Incomplete = new Dictionary<PatientRecordPart, string>
        {
            [PatientRecordPart.Patient] = "Solo se pudo cargar una parte de sus datos básicos; lo que ve puede estar incompleto.",
            [PatientRecordPart.Conditions] = "Solo se pudo cargar una parte de sus diagnósticos; lo que ve puede estar incompleto.",
            [PatientRecordPart.LabObservations] = "Solo se pudo cargar una parte de sus resultados de laboratorio; lo que ve puede estar incompleto.",
            [PatientRecordPart.CancerFactObservations] = "Solo se pudo cargar una parte de su etapa y de los resultados de las pruebas del tumor; lo que ve puede estar incompleto.",
            [PatientRecordPart.Reports] = "Solo se pudo cargar una parte de sus informes de imágenes y de patología; lo que ve puede estar incompleto.",
        },
    };
}
