using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Data.Smart;

/// <summary>
/// <see cref="ITokenSessionStore"/> in the database. Rows are keyed by SHA-256 of the session id and name their browser
/// by SHA-256 of its key (both are bearer secrets, like the cookies that carry them), and the session, tokens included,
/// is encrypted with Data Protection: a copy of the table gives neither a usable id nor a token. Every replica reads the
/// same rows, so a logout, a moved browser key or an expiry holds everywhere at once (apart from the web app's short
/// read-through). Rows past either expiry are deleted when read and swept every few minutes.
/// </summary>
internal sealed class DbTokenSessionStore(
    IDbContextFactory<MbcEduDbContext> factory, IDataProtectionProvider protection, TimeProvider time, IOptions<SmartClientOptions> options) : ITokenSessionStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);
    private readonly IDataProtector _protector = protection.CreateProtector("MbcFhirEdu.TokenSession.v1");
    private long _nextSweepTicks;

    private TimeSpan Idle => options.Value.SessionIdleLifetime;

    public async Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await SweepAsync(db, cancellationToken);
        await UpsertAsync(db, Hash(sessionId), session, browserHash: null, cancellationToken);
    }

    public async Task StartAsync(string sessionId, SmartSession session, BrowserLogin login, CancellationToken cancellationToken)
    {
        var key = Hash(sessionId);
        var browser = Hash(login.BrowserKey);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await SweepAsync(db, cancellationToken);
        // The browser's earlier launches follow it to its new key; a key no row names (never issued here) moves nothing.
        if (login.PreviousBrowserKey is { } previous)
        {
            var old = Hash(previous);
            await db.TokenSessions.Where(s => s.BrowserHash == old).ExecuteUpdateAsync(s => s.SetProperty(r => r.BrowserHash, browser), cancellationToken);
        }
        await UpsertAsync(db, key, session, browser, cancellationToken);
        // Oldest first beyond the bound; the new launch always stays.
        var keep = Math.Max(0, options.Value.MaxSessionsPerBrowser - 1);
        var surplus = await db.TokenSessions.AsNoTracking().Where(s => s.BrowserHash == browser && s.IdHash != key)
            .OrderByDescending(s => s.CreatedAt).Skip(keep).Select(s => s.IdHash).ToListAsync(cancellationToken);
        if (surplus.Count > 0) await db.TokenSessions.Where(s => surplus.Contains(s.IdHash)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (sessionId.Length is 0 or > 256) return null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await ReadLiveAsync(db, Hash(sessionId), browserHash: null, cancellationToken))?.Session;
    }

    public async Task<SmartSession?> GetForBrowserAsync(string sessionId, string browserKey, CancellationToken cancellationToken)
    {
        if (sessionId.Length is 0 or > 256 || browserKey.Length is 0 or > 256) return null;
        var key = Hash(sessionId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await ReadLiveAsync(db, key, Hash(browserKey), cancellationToken) is not { } found) return null;
        var now = time.GetUtcNow();
        if (SessionLifetimes.ShouldSlide(found.Row.IdleExpiresAt, now, Idle))
        {
            var until = SessionLifetimes.IdleExpiry(now, found.Row.ExpiresAt, Idle).ToUniversalTime();
            await db.TokenSessions.Where(s => s.IdHash == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.IdleExpiresAt, until), cancellationToken);
        }
        return found.Session;
    }

    public async Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var key = Hash(sessionId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.TokenSessions.Where(s => s.IdHash == key).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<int> EndBrowserAsync(string browserKey, CancellationToken cancellationToken)
    {
        if (browserKey.Length is 0 or > 256) return 0;
        var browser = Hash(browserKey);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.TokenSessions.Where(s => s.BrowserHash == browser).ExecuteDeleteAsync(cancellationToken);
    }

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>The row and its session when live (and, given a browser hash, that browser's); a dead row is deleted.</summary>
    private async Task<(TokenSessionRecord Row, SmartSession Session)?> ReadLiveAsync(
        MbcEduDbContext db, string key, string? browserHash, CancellationToken cancellationToken)
    {
        var row = await db.TokenSessions.AsNoTracking().FirstOrDefaultAsync(s => s.IdHash == key, cancellationToken);
        if (row is null) return null;
        if (!SessionLifetimes.IsLive(time.GetUtcNow(), row.ExpiresAt, row.IdleExpiresAt))
        {
            await db.TokenSessions.Where(s => s.IdHash == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (browserHash is not null && !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(browserHash), Encoding.ASCII.GetBytes(row.BrowserHash ?? "")))
            return null;
        try
        {
            var session = JsonSerializer.Deserialize(_protector.Unprotect(row.ProtectedPayload), PersistenceJson.Default.SmartSession);
            return session is not null && session.ExpiresAt > time.GetUtcNow() ? (row, session) : null;
        }
        catch (CryptographicException) { return null; }
        catch (JsonException) { return null; }
    }

    /// <summary>Update first (a refresh keeps owner, creation and idle expiry), insert when new; a racing insert is retried as an update.</summary>
    private async Task UpsertAsync(MbcEduDbContext db, string key, SmartSession session, string? browserHash, CancellationToken cancellationToken)
    {
        var payload = _protector.Protect(JsonSerializer.Serialize(session, PersistenceJson.Default.SmartSession));
        var now = time.GetUtcNow().ToUniversalTime();
        var expires = session.ExpiresAt.ToUniversalTime();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var updated = await db.TokenSessions.Where(s => s.IdHash == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ProtectedPayload, payload)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.ExpiresAt, expires), cancellationToken);
            if (updated == 1) return;
            db.TokenSessions.Add(new TokenSessionRecord
            {
                IdHash = key, ProtectedPayload = payload, BrowserHash = browserHash, CreatedAt = now, UpdatedAt = now, ExpiresAt = expires,
                IdleExpiresAt = SessionLifetimes.IdleExpiry(now, expires, Idle),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task SweepAsync(MbcEduDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        if (now.UtcTicks < Interlocked.Read(ref _nextSweepTicks)) return;
        Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
        await db.TokenSessions.Where(s => s.ExpiresAt < now || s.IdleExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
