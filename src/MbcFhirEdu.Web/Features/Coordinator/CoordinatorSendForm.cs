using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Materials;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// A posted send form, read within bounds and checked. What only a tampered or stale form can get wrong (no
/// antiforgery token, a bad form id or language, an unknown material, too many) is refused with a page; what the
/// coordinator can fix (a long note, nothing ticked) is <see cref="Problem"/>, shown on the workspace with their work kept.
/// </summary>
internal sealed partial record CoordinatorSendForm(string Nonce, string Language, IReadOnlyList<string> Selected, string? Note)
{
    public const int NoteMaxLength = 500;
    /// <summary>Most materials one send may carry (the form offers the recommendations, far fewer).</summary>
    public const int MaxMaterials = 30;
    /// <summary>The send form is small: a few ids, a nonce, a token and a 500-character note.</summary>
    public const int MaxFormBytes = 32 * 1024;

    private const string StaleTitle = "This form has expired or did not come from the workspace";
    private const string OpenAgain = "Open the care coordinator workspace again and send from there.";

    /// <summary>The form as the workspace shows it again: the same id, the ticked boxes and the note.</summary>
    public FormState State => new(Nonce, Selected.ToHashSet(StringComparer.Ordinal), Note ?? "");

    /// <summary>A mistake the coordinator can fix in the form: the message and the field it is about.</summary>
    public FormState? Problem =>
        Note is { Length: > NoteMaxLength }
            ? State with
            {
                Error = $"The personal note is {Note.Length} characters long; it can be at most {NoteMaxLength}. Shorten it and send again — nothing was sent yet.",
                ErrorField = "personal-note",
            }
            : Selected.Count == 0
                ? State with { Error = "Choose at least one material to send — nothing was sent yet.", ErrorField = "materials" }
                : null;

    public static async Task<(CoordinatorSendForm? Form, IResult? Refused)> ReadAsync(
        HttpContext context, IAntiforgery antiforgery, MaterialLibrary library, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
            return (null, Pages.Message(415, "This was not sent from the workspace form", "Send materials from the care coordinator workspace."));
        if (context.Request.ContentLength > MaxFormBytes)
            return (null, Pages.Message(413, "The form is too large", $"The send form may carry at most {MaxFormBytes / 1024} KB."));
        IFormCollection form;
        try
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
            {
                ValueCountLimit = MaxMaterials + 16,
                KeyLengthLimit = 64,
                ValueLengthLimit = 4 * 1024,
                MultipartBodyLengthLimit = MaxFormBytes,
                MultipartBoundaryLengthLimit = 128,
            }));
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, Pages.Message(400, "The form could not be read", "The send form was too large or not well formed. Send materials from the workspace again."));
        }

        // CSRF: the session cookie is SameSite=None, so the form must carry the token ASP.NET issued with the page.
        if (!await antiforgery.IsRequestValidAsync(context))
            return (null, Pages.Message(400, StaleTitle,
                "Nothing was sent. For your protection, materials can only be sent from a form the workspace showed you.", nextStep: OpenAgain));
        var nonce = form["form"].ToString();
        if (!NonceFormat().IsMatch(nonce))
            return (null, Pages.Message(400, StaleTitle, "Nothing was sent: the form's id is missing or not valid.", nextStep: OpenAgain));
        var language = form["lang"].ToString();
        if (!MaterialLibrary.IsLanguage(language))
            return (null, Pages.Message(400, "The materials language is not valid", "Nothing was sent: the form must say \"en\" or \"es\"."));

        var selected = form["material"].Where(m => !string.IsNullOrEmpty(m)).Select(m => m!).Distinct(StringComparer.Ordinal).ToList();
        if (selected.Count > MaxMaterials)
            return (null, Pages.Message(400, "Too many materials", $"One send may carry at most {MaxMaterials} materials."));
        if (selected.Any(id => !MaterialLibrary.IsValidId(id) || library.Catalog.Find(id, language) is null))
            return (null, Pages.Message(400, "There is no such material", "Nothing was sent: one of the chosen materials is not in the library in this language.",
                nextStep: "Open the care coordinator workspace again and choose from its list."));
        return (new CoordinatorSendForm(nonce, language, selected, NormaliseNote(form["note"].ToString())), null);
    }

    /// <summary>A new form id per rendered workspace: 128 random bits, base64url.</summary>
    internal static string NewNonce() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    private static string? NormaliseNote(string note)
    {
        // Browsers count a newline as one character against maxlength but send it as CR LF.
        var text = note.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NonceFormat();
}
