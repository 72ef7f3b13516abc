using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure.Persistence;

/// <summary>
/// Encrypts the Data Protection key ring at rest with ASP.NET Core's own XML encryption: new keys with
/// <c>ProtectKeysWithCertificate</c> (the current certificate), old ones readable through
/// <c>UnprotectKeysWithAnyCertificate</c> (the current and the previous certificates). The certificates are loaded once,
/// at start; a problem (none outside Development, an unreadable file, no RSA private key) stops the start with one line
/// naming the key instead of an exception from here.
/// </summary>
internal static class KeyRingProtection
{
    public const string CertificateKey = KeyRingOptions.SectionName + ":" + nameof(KeyRingOptions.CertificatePath);

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(KeyRingOptions.SectionName);
        var options = section.Get<KeyRingOptions>() ?? new KeyRingOptions();
        var problems = new List<string>();
        var current = Load(options.CertificatePath, options.KeyPath, CertificateKey, problems);
        var previous = options.PreviousCertificates
            .Select((c, i) => Load(c.CertificatePath, c.KeyPath, $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.PreviousCertificates)}:{i}:{nameof(KeyRingCertificate.CertificatePath)}", problems))
            .OfType<X509Certificate2>()
            .ToArray();

        if (current is not null)
        {
            // Also registers the certificate for decryption; the previous ones only decrypt what they encrypted.
            builder.ProtectKeysWithCertificate(current);
            if (previous.Length > 0) builder.UnprotectKeysWithAnyCertificate(previous);
        }
        else if (string.IsNullOrEmpty(options.CertificatePath) && !environment.IsDevelopment())
        {
            problems.Add($"{CertificateKey} is required outside Development: the PEM certificate (with {KeyRingOptions.SectionName}:{nameof(KeyRingOptions.KeyPath)}, its key) that encrypts the Data Protection key ring at rest.");
        }

        builder.Services.AddOptions<KeyRingOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>>(new LoadProblems(problems));
        // Development without a certificate: allowed, but said at every start.
        if (current is null && problems.Count == 0) builder.Services.AddHostedService<UnprotectedKeyRingWarning>();
        return builder;
    }

    private static X509Certificate2? Load(string? certificatePath, string? keyPath, string key, List<string> problems)
    {
        if (string.IsNullOrEmpty(certificatePath)) return null;
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certificatePath, string.IsNullOrEmpty(keyPath) ? null : keyPath);
            using var rsa = certificate.GetRSAPrivateKey();
            if (rsa is not null) return certificate;
            certificate.Dispose();
            problems.Add($"{key}: {certificatePath} needs an RSA key pair (XML encryption wraps each key with RSA).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problems.Add($"{key}: {certificatePath} could not be read as a PEM certificate with its private key: {e.Message.ReplaceLineEndings(" ")}");
        }
        return null;
    }

    private sealed class LoadProblems(IReadOnlyList<string> problems) : IValidateOptions<KeyRingOptions>
    {
        public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
            problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private sealed class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            WebLog.KeyRingUnprotected(logger, CertificateKey);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
