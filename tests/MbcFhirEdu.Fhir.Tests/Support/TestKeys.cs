using System.Security.Cryptography;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>
/// RSA keys generated once per test run (generation is the slowest step on a shared 2-core machine). Each call
/// returns a new RSA instance over the same parameters, so tests never share a mutable key object.
/// </summary>
public static class TestKeys
{
    private static readonly Lazy<RSAParameters> ServerKey = new(Generate);
    private static readonly Lazy<RSAParameters> OtherKey = new(Generate);

    public static RSA Server() => RSA.Create(ServerKey.Value);

    public static RSA Other() => RSA.Create(OtherKey.Value);

    private static RSAParameters Generate()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }
}
