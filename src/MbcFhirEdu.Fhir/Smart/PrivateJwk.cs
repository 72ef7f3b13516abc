using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Imports a private key given as a JWK (RFC 7518 §6.2 EC, §6.3 RSA), e.g. from a secret store.</summary>
internal static class PrivateJwk
{
    public static RSA ToRsa(string json, string section)
    {
        var jwk = Parse(json, section, "RSA");
        if (string.IsNullOrEmpty(jwk.D)) throw new InvalidOperationException($"{section}:PrivateKey is a public JWK; the private key (d) is needed.");
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Bytes(jwk.N), Exponent = Bytes(jwk.E), D = Bytes(jwk.D),
            P = Bytes(jwk.P), Q = Bytes(jwk.Q), DP = Bytes(jwk.DP), DQ = Bytes(jwk.DQ), InverseQ = Bytes(jwk.QI),
        });
        return rsa;
    }

    public static ECDsa ToEcdsa(string json, string section)
    {
        var jwk = Parse(json, section, "EC");
        if (jwk.Crv != "P-384") throw new InvalidOperationException($"{section}:PrivateKey must be a P-384 key for ES384.");
        if (string.IsNullOrEmpty(jwk.D)) throw new InvalidOperationException($"{section}:PrivateKey is a public JWK; the private key (d) is needed.");
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = Bytes(jwk.X), Y = Bytes(jwk.Y) },
            D = Bytes(jwk.D),
        });
    }

    private static JsonWebKey Parse(string json, string section, string kty)
    {
        JsonWebKey jwk;
        try { jwk = new JsonWebKey(json); }
        catch (ArgumentException) { throw new InvalidOperationException($"{section}:PrivateKey is not valid JWK JSON."); }
        if (jwk.Kty != kty) throw new InvalidOperationException($"{section}:PrivateKey must be a JWK with kty {kty} for the configured algorithm.");
        return jwk;
    }

    private static byte[] Bytes(string? value) => string.IsNullOrEmpty(value) ? throw new InvalidOperationException("A JWK parameter is missing.") : Base64UrlEncoder.DecodeBytes(value);
}
