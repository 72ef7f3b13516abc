using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// Per-replica reuse of a patient's rendered "From your care team" section (<c>Web:CareTeamCacheSeconds</c>, default
/// 5 s; 0 = off), keyed by the EHR (issuer) and the patient id from the session, and the language. Without it every
/// page view would query the deliveries and render the section, which costs more than serving the cached page itself.
/// A delivery completed by this replica's outbox drops the patient's entries at once
/// (<see cref="IDeliveryStateListener"/>); one completed by another replica shows when the entry expires. Bounded
/// (sizes in KB, <c>Web:RecordCacheMegabytes</c> / 8) and expired on the app's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class CareTeamSectionCache : IDeliveryStateListener, IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private int _generation; // bumped by every invalidation: a section read before one is not kept

    public CareTeamSectionCache(IOptions<WebOptions> options, TimeProvider time)
    {
        _time = time;
        _ttl = TimeSpan.FromSeconds(options.Value.CareTeamCacheSeconds);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.RecordCacheMegabytes / 8) * 1024L });
    }

    /// <summary>
    /// The section for the patient, from the cache or from <paramref name="render"/> (which reads the deliveries now).
    /// </summary>
    public async Task<byte[]> GetOrRenderAsync(string issuer, string patientId, string language, Func<Task<byte[]>> render)
    {
        if (_ttl <= TimeSpan.Zero) return await render();
        var key = new Key(issuer, patientId, language);
        if (_cache.TryGetValue(key, out Entry? entry) && entry is not null)
        {
            if (entry.Until > _time.GetUtcNow()) return entry.Html;
            _cache.Remove(key);
        }
        var generation = Volatile.Read(ref _generation);
        var html = await render();
        if (generation == Volatile.Read(ref _generation))
        {
            // Expiry is Entry.Until on the app's TimeProvider alone: MemoryCache's own expiry runs on the machine's clock,
            // so an entry could end earlier than the app's clock says (a slow test saw the delivery "too soon"). An
            // expired entry is dropped when next read, and the size limit bounds what lingers until then.
            _cache.Set(key, new Entry(html, _time.GetUtcNow() + _ttl), new MemoryCacheEntryOptions { Size = html.Length / 1024 + 1 });
        }
        return html;
    }

    public void Delivered(string issuer, string patientId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var language in (string[])[MaterialCatalog.English, MaterialCatalog.Spanish])
        {
            _cache.Remove(new Key(issuer, patientId, language));
        }
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry(byte[] Html, DateTimeOffset Until);

    // Patient ids are not printed.
    private readonly record struct Key(string Issuer, string PatientId, string Language)
    {
        public override string ToString() => $"CareTeamSectionCache.Key {{ Language = {Language} }}";
    }
}
