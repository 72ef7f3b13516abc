using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Random values and PKCE (RFC 7636) as SMART App Launch 2.2 §2.1 requires: S256 only.</summary>
internal static class Pkce
{
    /// <summary>A base64url string of <paramref name="bytes"/> random bytes from the OS CSPRNG.</summary>
    public static string RandomToken(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>code_challenge = BASE64URL(SHA256(ASCII(code_verifier))).</summary>
    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>SHA-256 of a browser binding value, base64url; only the hash is stored.</summary>
    public static string HashBinding(string binding) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(binding)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
