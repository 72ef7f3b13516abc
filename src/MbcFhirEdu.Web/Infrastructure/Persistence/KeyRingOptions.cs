namespace MbcFhirEdu.Web.Infrastructure.Persistence;

/// <summary>
/// The X.509 certificate that encrypts the Data Protection key ring at rest (ASP.NET Core's
/// <c>ProtectKeysWithCertificate</c>): whoever reads the database without it cannot decrypt the stored access and
/// refresh tokens. PEM files, e.g. a Kubernetes <c>kubernetes.io/tls</c> secret mounted as <c>tls.crt</c>/<c>tls.key</c>.
/// Required outside Development.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>PEM certificate (RSA) that encrypts new keys; its private key is in <see cref="KeyPath"/> or the same file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key (unencrypted PKCS#8 or PKCS#1) of <see cref="CertificatePath"/>; unset: in the certificate file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Certificates rolled out before the current one: keys they encrypted stay readable (decryption only).</summary>
    public List<KeyRingCertificate> PreviousCertificates { get; set; } = [];
}
