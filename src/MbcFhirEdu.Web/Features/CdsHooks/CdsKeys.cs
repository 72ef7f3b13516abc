using System.Diagnostics.CodeAnalysis;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// Key-set rules for CDS client JWTs (CDS Hooks 2.0 §"Trusting CDS Clients"): only asymmetric public keys are kept, so
/// an HMAC-signed token can never verify against a key set, and only asymmetric algorithms are accepted.
/// </summary>
internal static class CdsKeys
{
    public static readonly string[] AllowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>The RSA and EC public keys of a JWK Set; false when it does not parse or holds none.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out IReadOnlyList<SecurityKey>? keys)
    {
        keys = null;
        try
        {
            var set = new JsonWebKeySet(json) { SkipUnresolvedJsonWebKeys = true };
            var usable = set.Keys
                .Where(k => k.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve)
                .Where(k => string.IsNullOrEmpty(k.Use) || k.Use == JsonWebKeyUseNames.Sig)
                .Cast<SecurityKey>()
                .ToList();
            if (usable.Count == 0) return false;
            keys = usable;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>https, or http on the literal loopback names (the same rule as FHIR issuers).</summary>
    public static bool IsFetchableUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Fragment.Length == 0 && IssuerAllowList.TryNormalize(uri.GetLeftPart(UriPartial.Path), out _);
}
