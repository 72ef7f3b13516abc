using System.Collections.Concurrent;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// Per-replica, per-session reuse of a patient page's work (<c>Web:RecordCacheSeconds</c>, default 60 s; 0 = off):
/// the loaded record's profile, and the HTML rendered from it per language and view. Entries are keyed by the
/// server-side session id AND the patient id from that session's token response, so one session never sees
/// another's entries. Bounded by <c>Web:RecordCacheMegabytes</c> (sizes counted in KB) and an absolute expiry taken
/// from the app's <see cref="TimeProvider"/>; only complete loads are ever stored; a refreshed, replaced or ended
/// session drops its entries (see <see cref="CachingTokenSessionStore"/>).
/// </summary>
internal sealed class PatientPageCache : IDisposable
{
    private const string RecordVariant = "";
    private static readonly string?[] Languages = [null, "en", "es"];

    private readonly MemoryCache _cache;
    // One load per session and patient at a time: when an entry expires under load, the waiting requests share it.
    private readonly ConcurrentDictionary<Key, Lazy<Task<LoadedPatient?>>> _loading = new();
    private int _generation; // bumped by every invalidation; a load that started before one is not kept
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;

    public PatientPageCache(IOptions<WebOptions> options, TimeProvider time)
    {
        _time = time;
        _ttl = TimeSpan.FromSeconds(options.Value.RecordCacheSeconds);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.RecordCacheMegabytes * 1024L });
    }

    public bool Enabled => _ttl > TimeSpan.Zero;

    /// <summary>The key of a rendered page: the requested language (null = the record's), the view, and whether the banner was left out.</summary>
    public static string Variant(string? language, bool print, bool noBanner = false) =>
        (language ?? "auto") + (print ? "|print" : "|screen") + (noBanner ? "|no-banner" : "");

    public LoadedPatient? GetRecord(string sessionId, string patientId) =>
        Get<LoadedPatient>(new Key(sessionId, patientId, RecordVariant));

    /// <summary>
    /// Runs <paramref name="load"/> (which must bound itself, e.g. by the page-load deadline) once for all concurrent
    /// callers of the same session and patient, and keeps a complete result. Null (session ended) is shared, not kept.
    /// </summary>
    public async Task<LoadedPatient?> LoadOnceAsync(string sessionId, string patientId, Func<Task<LoadedPatient?>> load,
        CancellationToken cancellationToken)
    {
        if (!Enabled) return await load();
        var key = new Key(sessionId, patientId, RecordVariant);
        var lazy = _loading.GetOrAdd(key, k => new Lazy<Task<LoadedPatient?>>(() => RunAsync(k, load)));
        return await lazy.Value.WaitAsync(cancellationToken);
    }

    private async Task<LoadedPatient?> RunAsync(Key key, Func<Task<LoadedPatient?>> load)
    {
        var generation = Volatile.Read(ref _generation);
        try
        {
            var loaded = await load();
            if (loaded is not null) TrySetRecord(key, loaded, generation);
            return loaded;
        }
        finally
        {
            _loading.TryRemove(key, out _);
        }
    }

    // Keeps a loaded record; refuses anything but a complete load, and a load an invalidation overtook.
    private void TrySetRecord(Key key, LoadedPatient loaded, int generation)
    {
        if (!loaded.Complete || generation != Volatile.Read(ref _generation)) return;
        Set(key, loaded, sizeKb: 16, loaded.CachedUntil);
    }

    /// <summary>A rendered page, as UTF-8 bytes, or null.</summary>
    public byte[]? GetPage(string sessionId, string patientId, string variant) => Get<byte[]>(new Key(sessionId, patientId, variant));

    public void SetPage(string sessionId, string patientId, string variant, byte[] html, DateTimeOffset until)
    {
        if (Enabled) Set(new Key(sessionId, patientId, variant), html, html.Length / 1024 + 1, until);
    }

    /// <summary>Drops every entry of the session (for each patient id given; null ones are ignored).</summary>
    public void Invalidate(string sessionId, params string?[] patientIds)
    {
        Interlocked.Increment(ref _generation);
        foreach (var patientId in patientIds)
        {
            if (patientId is null) continue;
            _cache.Remove(new Key(sessionId, patientId, RecordVariant));
            foreach (var language in Languages)
            {
                foreach (var noBanner in (bool[])[false, true])
                {
                    _cache.Remove(new Key(sessionId, patientId, Variant(language, print: false, noBanner)));
                    _cache.Remove(new Key(sessionId, patientId, Variant(language, print: true, noBanner)));
                }
            }
        }
    }

    /// <summary>When a record loaded now stops being reused.</summary>
    public DateTimeOffset UntilFromNow() => _time.GetUtcNow() + _ttl;

    public void Dispose() => _cache.Dispose();

    private T? Get<T>(Key key) where T : class
    {
        if (!Enabled || !_cache.TryGetValue(key, out Entry? entry) || entry is null) return null;
        if (entry.Until > _time.GetUtcNow()) return entry.Value as T;
        _cache.Remove(key); // expired on the app's clock (which tests may move)
        return null;
    }

    private void Set(Key key, object value, long sizeKb, DateTimeOffset until)
    {
        var remaining = until - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero) return;
        // The MemoryCache's own expiry (wall clock) only evicts; the Until check above decides on the app's clock.
        _cache.Set(key, new Entry(value, until), new MemoryCacheEntryOptions { Size = sizeKb, AbsoluteExpirationRelativeToNow = remaining });
    }

    private sealed record Entry(object Value, DateTimeOffset Until);

    // The session id is a bearer secret: never printed.
    private readonly record struct Key(string SessionId, string PatientId, string Variant)
    {
        public override string ToString() => $"PatientPageCache.Key {{ Variant = {Variant} }}";
    }
}

/// <summary>What one load of a patient's record yields for the page, before matching and rendering.</summary>
internal sealed record LoadedPatient
{
    public required ClinicalProfile Profile { get; init; }
    public string? Gender { get; init; }
    public PatientBanner? Banner { get; init; }
    public IReadOnlyList<PatientRecordPart> MissingParts { get; init; } = [];
    public IReadOnlyList<PatientRecordPart> IncompleteParts { get; init; } = [];
    public int FhirRequests { get; init; }
    public int CriticalPathRequests { get; init; }
    public TimeSpan FhirElapsed { get; init; }
    /// <summary>Every part arrived whole and without problems: the only kind of load that may be cached.</summary>
    public bool Complete { get; init; }
    public DateTimeOffset CachedUntil { get; init; }
    /// <summary>The write of this load's audit row, which ran beside the reading and rendering; awaited before a page is sent.</summary>
    public Task Audited { get; init; } = Task.CompletedTask;

    private int _used;

    /// <summary>True for the first page built from this load only (requests that shared the load get false).</summary>
    public bool FirstUse() => Interlocked.Exchange(ref _used, 1) == 0;

    public override string ToString() => $"LoadedPatient {{ Complete = {Complete} }}";
}
