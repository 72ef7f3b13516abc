using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Materials;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>What <see cref="CoordinatorPage"/> shows: the patient, the recommendations, the send form and the history.</summary>
public sealed record CoordinatorPageModel
{
    public PatientBanner? Banner { get; init; }
    public required RecommendationSet Recommendations { get; init; }
    /// <summary>Text for the material cards, in the materials' language (the workspace itself is in English).</summary>
    public required UiText MaterialText { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> RecordMessages { get; init; } = [];
    /// <summary>The record shows the patient has died (CODES.md rule 16): no send form.</summary>
    public bool Deceased { get; init; }
    public IReadOnlyList<string> AccessNotes { get; init; } = [];
    /// <summary>Whether the EHR granted Communication create (needed to record a send).</summary>
    public bool CanWriteCommunication { get; init; }
    public string? ThemeUrl { get; init; }
    /// <summary>This launch's workspace address (<c>/coordinator/l/{ctx}</c>): the language link and the form go there.</summary>
    public string WorkspacePath { get; init; } = CoordinatorEndpoints.Path;
    /// <summary>This launch's app address, for the cards' "open on its own page" links.</summary>
    public string AppPath { get; init; } = "/app";
    public required FormState Form { get; init; }
    public required string AntiforgeryField { get; init; }
    public required string AntiforgeryToken { get; init; }
    /// <summary>The result of the send that redirected here, if any.</summary>
    public string? Confirmation { get; init; }
    public IReadOnlyList<DeliveryRow> History { get; init; } = [];
    /// <summary>The page's heading and title.</summary>
    public string Heading { get; init; } = "Care coordinator workspace";
    /// <summary>Set when the coordinator console (Entra ID sign-in) shows this page: its navigation instead of the launch's.</summary>
    public Console.ConsoleChrome? Console { get; init; }
}

/// <summary>One row of the delivery history: ids and states only, plus the material's title and the sender's name.</summary>
public sealed record DeliveryRow(
    Guid Id, string MaterialId, string Title, string Language, DateTimeOffset Sent, string Sender, bool SentByYou, DeliveryStatus Status, string? Error,
    DateTimeOffset? DeliveredAt, DateTimeOffset? FirstOpenedAt)
{
    internal static DeliveryRow From(DeliveryRecord d, MaterialLibrary library, string? you) => new(
        d.Id, d.MaterialId, library.Catalog.Find(d.MaterialId, d.Language)?.Title ?? d.MaterialId, d.Language, d.CreatedAt, SenderLabel.For(d.Sender, d.SenderName),
        you is not null && string.Equals(d.Sender, you, StringComparison.Ordinal), d.Status, d.LastError, d.DeliveredAt, d.FirstOpenedAt);
}
