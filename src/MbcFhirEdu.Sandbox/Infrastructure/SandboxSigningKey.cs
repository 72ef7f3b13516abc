using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>The sandbox's RSA key: signs access and id tokens, published at the JWKS endpoint.</summary>
internal sealed class SandboxSigningKey : IDisposable
{
    private readonly RSA _rsa;

    public SandboxSigningKey(IOptions<SandboxOptions> options, ILogger<SandboxSigningKey> logger)
        : this(options.Value.SigningKeyFile, logger)
    {
    }

    /// <summary>A key of its own (e.g. the Entra-shaped issuer's), from <paramref name="path"/> or generated.</summary>
    internal static SandboxSigningKey Create(string? path, ILogger logger) => new(path, logger);

    private SandboxSigningKey(string? path, ILogger logger)
    {
        (_rsa, var source) = string.IsNullOrWhiteSpace(path) ? (RSA.Create(2048), "generated") : LoadOrCreate(path);
        var publicParameters = _rsa.ExportParameters(false);
        Modulus = Base64UrlEncoder.Encode(publicParameters.Modulus!);
        Exponent = Base64UrlEncoder.Encode(publicParameters.Exponent!);
        KeyId = Thumbprint(Modulus, Exponent);
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
        logger.SigningKeyReady(KeyId, source);
    }

    public string KeyId { get; }
    public string Modulus { get; }
    public string Exponent { get; }
    public RsaSecurityKey SecurityKey { get; }
    public SigningCredentials Credentials { get; }

    public void Dispose() => _rsa.Dispose();

    /// <summary>RFC 7638 JWK thumbprint, so every process sharing the PEM publishes the same <c>kid</c>.</summary>
    private static string Thumbprint(string n, string e) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));

    private static (RSA Rsa, string Source) LoadOrCreate(string path)
    {
        if (File.Exists(path)) return (Load(path), "loaded from file");
        var rsa = RSA.Create(2048);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temp, Encoding.ASCII, fileOptions)) writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        try
        {
            // An atomic move: a process starting at the same moment either wins or reads a complete file.
            File.Move(temp, path, overwrite: false);
            return (rsa, "created in file");
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            rsa.Dispose();
            return (Load(path), "loaded from file");
        }
    }

    private static RSA Load(string path)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return rsa;
    }
}
