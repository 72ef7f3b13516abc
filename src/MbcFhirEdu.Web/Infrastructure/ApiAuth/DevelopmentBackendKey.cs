using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// Development only: when <c>BackendServices:ClientId</c> is set without a key, creates an RSA key once in
/// <c>{ContentRoot}/.dev-keys/backend-rs384.pem</c> (owner-only) and points <c>BackendServices:PrivateKey</c> at it, so
/// <c>dotnet run</c> has a working Backend Services client whose public key the sandbox reads from our JWKS.
/// </summary>
internal static class DevelopmentBackendKey
{
    public static void EnsureInDevelopment(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(BackendServicesOptions.SectionName);
        if (!builder.Environment.IsDevelopment() || string.IsNullOrWhiteSpace(section["ClientId"]) || !string.IsNullOrWhiteSpace(section["PrivateKey"])) return;
        var directory = Path.Combine(builder.Environment.ContentRootPath, ".dev-keys");
        var path = Path.Combine(directory, "backend-rs384.pem");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            using var rsa = RSA.Create(2048);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(temp, Encoding.ASCII, options)) writer.Write(rsa.ExportPkcs8PrivateKeyPem());
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temp); }
        }
        builder.Configuration[$"{BackendServicesOptions.SectionName}:PrivateKey"] = path;
        builder.Configuration[$"{BackendServicesOptions.SectionName}:SigningAlgorithm"] = "RS384";
    }
}
