namespace MbcFhirEdu.Web.Infrastructure.Persistence;

/// <summary>One earlier key-ring certificate (<see cref="KeyRingOptions.PreviousCertificates"/>): PEM certificate and key.</summary>
public sealed class KeyRingCertificate
{
    /// <summary>PEM certificate.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key; unset: in the certificate file.</summary>
    public string? KeyPath { get; set; }
}
