using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>Unguessable identifiers (256 bits) for codes, launches and refresh tokens, and their lookup hashes.</summary>
internal static class RandomTokens
{
    public static string New() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Stores keep only a hash, so a memory dump does not hold usable tokens.</summary>
    public static string Hash(string token) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
