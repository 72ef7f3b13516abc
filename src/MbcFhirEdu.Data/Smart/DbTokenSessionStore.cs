using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Smart;

/// <summary>
/// <see cref="ITokenSessionStore"/> in the database. Rows are keyed by SHA-256 of the session id (the id is a bearer
/// secret, like the cookie that carries it), and the session, tokens included, is encrypted with Data Protection:
/// a copy of the table gives neither a usable session id nor a token.
/// </summary>
internal sealed class DbTokenSessionStore(IDbContextFactory<MbcEduDbContext> factory, IDataProtectionProvider protection, TimeProvider time) : ITokenSessionStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);
    private readonly IDataProtector _protector = protection.CreateProtector("MbcFhirEdu.TokenSession.v1");
    private long _nextSweepTicks;

    public async Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken)
    {
        var key = Hash(sessionId);
        var payload = _protector.Protect(JsonSerializer.Serialize(session, PersistenceJson.Default.SmartSession));
        var now = time.GetUtcNow().ToUniversalTime();
        var expires = session.ExpiresAt.ToUniversalTime();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
            await db.TokenSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }
        // Update first (a refresh), insert when new; a racing insert of the same id is retried as an update.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var updated = await db.TokenSessions.Where(s => s.IdHash == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ProtectedPayload, payload)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.ExpiresAt, expires), cancellationToken);
            if (updated == 1) return;
            db.TokenSessions.Add(new TokenSessionRecord { IdHash = key, ProtectedPayload = payload, UpdatedAt = now, ExpiresAt = expires });
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

    public async Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (sessionId.Length is 0 or > 256) return null;
        var key = Hash(sessionId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.TokenSessions.AsNoTracking().FirstOrDefaultAsync(s => s.IdHash == key, cancellationToken);
        if (row is null) return null;
        if (row.ExpiresAt <= time.GetUtcNow())
        {
            await db.TokenSessions.Where(s => s.IdHash == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        try
        {
            var session = JsonSerializer.Deserialize(_protector.Unprotect(row.ProtectedPayload), PersistenceJson.Default.SmartSession);
            return session is not null && session.ExpiresAt > time.GetUtcNow() ? session : null;
        }
        catch (CryptographicException) { return null; }
        catch (JsonException) { return null; }
    }

    public async Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var key = Hash(sessionId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.TokenSessions.Where(s => s.IdHash == key).ExecuteDeleteAsync(cancellationToken);
    }

    internal static string Hash(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
}
