using System.Security.Cryptography;
using System.Xml.Linq;
using MbcFhirEdu.Data;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Security;

/// <summary>
/// Issue 15 item 2: the Data Protection key ring (which encrypts stored access/refresh tokens and PKCE verifiers) is
/// encrypted in the database with the configured certificate; whoever reads the table finds no usable key, and only
/// the same certificate reads it after a restart.
/// </summary>
public sealed class KeyRingAtRestTests : IDisposable
{
    private const string Purpose = "MbcFhirEdu.Tests.KeyRingAtRest";
    private readonly KeyRingCertificates _certificates = new();
    // One SQLite file shared by the "restarted" apps (a factory deletes only the database it made itself).
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mbcedu-keyring-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task StoredKeys_HoldOnlyAnEncryptedSecret_NoPlainMasterKey()
    {
        await using var app = App(_certificates.Create("ring-a"));
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("refresh-token-value");

        var stored = await RawKeyXmlAsync(app);

        Assert.NotEmpty(stored);
        foreach (var xml in stored)
        {
            var key = XElement.Parse(xml);
            Assert.Contains(key.Descendants(), e => e.Name.LocalName == "encryptedSecret");
            Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName == "masterKey");
            Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName == "value");
        }
    }

    [Fact]
    public async Task AfterARestart_TheSameCertificateDecrypts_AndAnotherOneCannot()
    {
        var ringA = _certificates.Create("ring-a");
        string payload;
        await using (var first = App(ringA))
            payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("refresh-token-value");

        await using (var restarted = App(ringA))
            Assert.Equal("refresh-token-value", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload));

        await using var otherCertificate = App(_certificates.Create("ring-b"));
        var protector = otherCertificate.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(payload));
    }

    [Fact]
    public async Task APreviousCertificate_KeepsOldKeysReadable_AfterTheCertificateIsRolled()
    {
        var old = _certificates.Create("ring-old");
        string payload;
        await using (var before = App(old))
            payload = before.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("refresh-token-value");

        var rolled = _certificates.Create("ring-new");
        await using (var withoutThePrevious = App(rolled))
        {
            var protector = withoutThePrevious.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(payload));
        }
        rolled["DataProtection:PreviousCertificates:0:CertificatePath"] = old["DataProtection:CertificatePath"];
        rolled["DataProtection:PreviousCertificates:0:KeyPath"] = old["DataProtection:KeyPath"];
        await using var after = App(rolled);

        Assert.Equal("refresh-token-value", after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload));
    }

    [Fact]
    public async Task Development_WithoutACertificate_Starts_AndWarnsThatTheKeysAreStoredUnencrypted()
    {
        await using var app = new WebAppFactory();

        _ = app.Services; // started

        Assert.Contains(app.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains("stored unencrypted", StringComparison.Ordinal) && e.Message.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
    }

    private WebAppFactory App(Dictionary<string, string?> certificate)
    {
        var settings = new Dictionary<string, string?>(certificate)
        {
            ["ConnectionStrings:MbcEdu"] = $"Data Source={_database};Pooling=False",
            ["Database:Provider"] = "Sqlite",
        };
        return WebAppFactory.With(settings);
    }

    private static async Task<List<string>> RawKeyXmlAsync(WebAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MbcEduDbContext>();
        // The table itself, not the key manager's view of it.
        return await db.Database.SqlQueryRaw<string>("SELECT \"Xml\" AS \"Value\" FROM data_protection_keys").ToListAsync();
    }

    public void Dispose()
    {
        _certificates.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_database + suffix); }
            catch (IOException) { }
        }
    }
}
