using System.Text.Json;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Smart;

/// <summary>
/// <see cref="ILaunchStateStore"/> in the database, so a launch begun on one replica completes on another. The take
/// is one conditional UPDATE (<c>used = false → true</c>): of any number of racing callbacks, in any processes, exactly
/// one sees one row changed. The payload (PKCE verifier, nonce) is encrypted with Data Protection.
/// </summary>
internal sealed class DbLaunchStateStore(IDbContextFactory<MbcEduDbContext> factory, IDataProtectionProvider protection, TimeProvider time) : ILaunchStateStore
{
    // Expired rows are deleted as new launches arrive, at most this often per process.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly IDataProtector _protector = protection.CreateProtector("MbcFhirEdu.LaunchState.v1");
    private long _nextSweepTicks;

    public async Task SaveAsync(LaunchState state, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
            var cutoff = now.ToUniversalTime();
            await db.LaunchStates.Where(s => s.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
        db.LaunchStates.Add(new LaunchStateRecord
        {
            State = state.State,
            ProtectedPayload = _protector.Protect(JsonSerializer.Serialize(state, PersistenceJson.Default.LaunchState)),
            CreatedAt = state.CreatedAt.ToUniversalTime(),
            ExpiresAt = state.ExpiresAt.ToUniversalTime(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new InvalidOperationException("A launch with this state already exists.");
        }
    }

    public async Task<LaunchStateTake> TakeAsync(string state, CancellationToken cancellationToken)
    {
        if (state.Length is 0 or > 128) return new LaunchStateTake(LaunchStateTakeStatus.NotFound, null);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.LaunchStates.AsNoTracking().FirstOrDefaultAsync(s => s.State == state, cancellationToken);
        if (row is null) return new LaunchStateTake(LaunchStateTakeStatus.NotFound, null);
        // The atomic flip makes exactly one caller the taker, however many callbacks race on however many replicas.
        var flipped = await db.LaunchStates.Where(s => s.State == state && !s.Used)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Used, true), cancellationToken);
        if (flipped != 1) return new LaunchStateTake(LaunchStateTakeStatus.AlreadyUsed, null);
        if (time.GetUtcNow() >= row.ExpiresAt) return new LaunchStateTake(LaunchStateTakeStatus.Expired, null);
        LaunchState? launch;
        try
        {
            launch = JsonSerializer.Deserialize(_protector.Unprotect(row.ProtectedPayload), PersistenceJson.Default.LaunchState);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            launch = null; // a key that is gone (or a tampered row): treat as unknown
        }
        catch (JsonException)
        {
            launch = null;
        }
        return launch is null || launch.State != state
            ? new LaunchStateTake(LaunchStateTakeStatus.NotFound, null)
            : new LaunchStateTake(LaunchStateTakeStatus.Taken, launch);
    }
}
