using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// The sender's display name, read once per send from their <c>fhirUser</c> Practitioner (SMART App Launch 2.2
/// §"fhirUser"; the coordinator launch asks for <c>user/Practitioner.rs</c>) with the session's own token, and stored
/// with the deliveries so the history names a person. Only a Practitioner under the session's own FHIR base is read;
/// when the read fails or the resource has no name the result is null and the history names the reference instead.
/// </summary>
internal sealed class SenderNames(FhirRestClient fhir)
{
    public async Task<string?> ReadAsync(FhirConnection connection, string? fhirUser, CancellationToken cancellationToken)
    {
        if (PractitionerId(connection.BaseUrl, fhirUser) is not { } id) return null;
        var read = await fhir.ReadAsync(connection, "Practitioner", id, null, cancellationToken);
        // HumanName is read the same way as the patient banner's: official, then usual, then the first.
        return read.Succeeded ? PatientBanner.Read(read.Resource)?.Name : null;
    }

    /// <summary>The id of a <c>Practitioner/{id}</c> fhirUser, relative or absolute under <paramref name="baseUrl"/>; else null.</summary>
    internal static string? PractitionerId(Uri baseUrl, string? fhirUser)
    {
        if (string.IsNullOrWhiteSpace(fhirUser)) return null;
        var reference = fhirUser.Trim();
        if (Uri.TryCreate(reference, UriKind.Absolute, out var url))
        {
            // Another server's user is not read with this server's token.
            if (!FhirPaths.IsUnderBase(url, baseUrl)) return null;
            reference = url.AbsolutePath[baseUrl.AbsolutePath.TrimEnd('/').Length..].TrimStart('/');
        }
        var parts = reference.Split('/');
        return parts is ["Practitioner", var id] && FhirPaths.IsValidId(id) ? id : null;
    }
}
