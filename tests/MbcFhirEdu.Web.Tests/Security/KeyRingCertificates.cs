using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MbcFhirEdu.Web.Tests.Security;

/// <summary>
/// Self-signed RSA certificates made in the test (never committed), written as PEM certificate and key files the way a
/// Kubernetes TLS secret mounts them; the folder is deleted on dispose.
/// </summary>
public sealed class KeyRingCertificates : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mbcedu-keyring-").FullName;

    /// <summary>A new certificate and key; returns the configuration that points the app at them.</summary>
    public Dictionary<string, string?> Create(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var certificatePath = Path.Combine(_folder, name + ".crt");
        var keyPath = Path.Combine(_folder, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return new() { ["DataProtection:CertificatePath"] = certificatePath, ["DataProtection:KeyPath"] = keyPath };
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
