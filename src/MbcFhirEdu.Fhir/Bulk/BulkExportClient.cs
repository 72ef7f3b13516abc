using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// FHIR Bulk Data Access 2.0 export client (see <see cref="IBulkExportClient"/> for the protocol it follows).
/// Requests go through the "bulk" HttpClient: the platform resilience pipeline retries 408/429/5xx of GETs and DELETEs
/// with backoff and Retry-After, bounded by a per-try timeout that only covers the response headers, so downloads stream.
/// </summary>
internal sealed partial class BulkExportClient(
    BulkTransport transport,
    IssuerAllowList allowList,
    IOptions<BulkDataOptions> options,
    TimeProvider timeProvider,
    ILogger<BulkExportClient> logger) : IBulkExportClient
{
    public const string HttpClientName = "MbcFhirEdu.Bulk";
    private const string FhirJson = "application/fhir+json";
    private const string FhirNdjson = "application/fhir+ndjson";
    private const int MaxProgressLength = 100;
    private readonly BulkDataOptions _options = options.Value;

    public async Task<Uri> KickOffAsync(BulkExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fhirBase = transport.RequireBase("kick-off", request.FhirBase);
        var filters = request.TypeFilters ?? [];
        var url = KickOffUrl(fhirBase, request, filters);
        using var deadline = new Deadline(_options.RequestTimeout, timeProvider, cancellationToken);
        var response = await SendAsync("kick-off", HttpMethod.Get, url, fhirBase, FhirJson, preferAsync: true, deadline, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.BadRequest && filters.Count > 0)
            {
                // The IG lets a server refuse _typeFilter with an error; we ask again without it (and say so) rather
                // than fail the run: the caller filters what it reads anyway.
                var refusal = await BulkOutcome.ReadAsync(response, _options.MaxManifestBytes, deadline.Token).ConfigureAwait(false);
                BulkLog.TypeFilterDropped(logger, refusal.Codes);
                response.Dispose();
                url = KickOffUrl(fhirBase, request, []);
                response = await SendAsync("kick-off", HttpMethod.Get, url, fhirBase, FhirJson, preferAsync: true, deadline, cancellationToken).ConfigureAwait(false);
            }
            if (response.StatusCode != HttpStatusCode.Accepted)
                throw await FailureAsync("kick-off", url, response, deadline.Token).ConfigureAwait(false);
            var location = response.Content.Headers.ContentLocation
                ?? (response.Headers.TryGetValues("Content-Location", out var values) && Uri.TryCreate(values.FirstOrDefault(), UriKind.RelativeOrAbsolute, out var parsed) ? parsed : null)
                ?? throw new BulkExportException("kick-off", url, "202 without Content-Location", "the server gave no status URL") { StatusCode = 202 };
            // Relative references are resolved against the kick-off URL (on Unix "/x" may parse as an absolute file: URI).
            var statusUrl = location.IsAbsoluteUri && !location.IsFile ? location : new Uri(url, location.OriginalString);
            transport.BaseOf("kick-off", statusUrl);
            BulkLog.KickedOff(logger, request.GroupId is null ? "Patient" : "Group", request.Types.Count, request.Since is not null,
                url.Query.Contains("_typeFilter=", StringComparison.Ordinal) ? filters.Count : 0);
            return statusUrl;
        }
        finally
        {
            response.Dispose();
        }
    }

    public async Task<BulkExportManifest> WaitForManifestAsync(Uri statusUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statusUrl);
        var fhirBase = transport.BaseOf("status poll", statusUrl);
        using var exportDeadline = new Deadline(_options.ExportDeadline, timeProvider, cancellationToken);
        var backoff = _options.PollInterval;
        while (true)
        {
            TimeSpan wait;
            try
            {
                using var request = new Deadline(_options.RequestTimeout, timeProvider, exportDeadline.Token);
                using var response = await SendAsync("status poll", HttpMethod.Get, statusUrl, fhirBase, FhirJson, preferAsync: false, request, cancellationToken)
                    .ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK) return await ManifestAsync(statusUrl, response, request.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    wait = RetryAfter.Delay(response, timeProvider.GetUtcNow(), _options.MaxPollInterval) ?? Min(_options.PollInterval, _options.MaxPollInterval);
                    backoff = _options.PollInterval;
                    BulkLog.InProgress(logger, Progress(response), (long)wait.TotalMilliseconds);
                }
                else
                {
                    var outcome = await BulkOutcome.ReadAsync(response, _options.MaxManifestBytes, request.Token).ConfigureAwait(false);
                    var transient = response.StatusCode == HttpStatusCode.TooManyRequests || outcome.IsTransient
                        || (status >= 500 && outcome.Outcome is null);
                    if (!transient) throw Failure("status poll", statusUrl, status, outcome);
                    wait = RetryAfter.Delay(response, timeProvider.GetUtcNow(), _options.MaxPollInterval) ?? backoff;
                    backoff = Min(backoff * 2, _options.MaxPollInterval);
                    BulkLog.TransientStatus(logger, status, outcome.Codes, (long)wait.TotalMilliseconds);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !exportDeadline.Token.IsCancellationRequested
                                       && (BulkTransport.IsTransportFailure(ex) || ex is OperationCanceledException))
            {
                // No answer (or no answer within RequestTimeout): the job may still be running; poll again later.
                wait = backoff;
                backoff = Min(backoff * 2, _options.MaxPollInterval);
                BulkLog.TransientStatus(logger, 0, ex.GetType().Name, (long)wait.TotalMilliseconds);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw DeadlinePassed(statusUrl, ex);
            }
            try
            {
                await Task.Delay(wait, timeProvider, exportDeadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw DeadlinePassed(statusUrl, ex);
            }
        }
    }

    public async Task<Stream> OpenFileAsync(BulkExportFile file, bool requiresAccessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fhirBase = transport.BaseOf("download", file.Url);
        var timeout = new CancellationTokenSource(_options.DownloadTimeout, timeProvider);
        HttpResponseMessage? response = null;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                response = await transport.SendAsync("download", HttpMethod.Get, file.Url, fhirBase, FhirNdjson, requiresAccessToken, preferAsync: false,
                    _ => BulkLog.DownloadUnauthorized(logger, file.Type), linked.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) throw await FailureAsync("download", file.Url, response, linked.Token).ConfigureAwait(false);
                if (response.Content.Headers.ContentLength > _options.MaxFileBytes)
                    throw new BulkExportException("download", file.Url, "too large",
                        $"Content-Length {response.Content.Headers.ContentLength} is over BulkData:MaxFileBytes ({_options.MaxFileBytes} bytes)");
                var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
                var stream = new BulkDownloadStream(response, body, _options.MaxFileBytes, timeout, file.Url, _options.DownloadTimeout);
                response = null;
                timeout = null;
                return stream;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (BulkTransport.IsTransportFailure(ex) || ex is OperationCanceledException))
            {
                throw new BulkExportException("download", file.Url, timeout!.IsCancellationRequested ? "timed out" : "no answer", ex.GetType().Name, ex);
            }
        }
        finally
        {
            response?.Dispose();
            timeout?.Dispose();
        }
    }

    public async Task DeleteAsync(Uri statusUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statusUrl);
        var fhirBase = transport.BaseOf("delete", statusUrl);
        using var deadline = new Deadline(_options.RequestTimeout, timeProvider, cancellationToken);
        using var response = await SendAsync("delete", HttpMethod.Delete, statusUrl, fhirBase, FhirJson, preferAsync: false, deadline, cancellationToken)
            .ConfigureAwait(false);
        // 404: the server already removed the job (or a retried DELETE found the first one done).
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.NotFound))
            throw await FailureAsync("delete", statusUrl, response, deadline.Token).ConfigureAwait(false);
        BulkLog.Deleted(logger, (int)response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string step, HttpMethod method, Uri url, Uri fhirBase, string accept, bool preferAsync,
        Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.SendAsync(step, method, url, fhirBase, accept, authorize: true, preferAsync, null, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (step != "status poll" && !cancellationToken.IsCancellationRequested
                                   && (BulkTransport.IsTransportFailure(ex) || ex is OperationCanceledException))
        {
            throw new BulkExportException(step, url, ex is OperationCanceledException ? "timed out" : "no answer",
                ex is OperationCanceledException ? $"BulkData:RequestTimeout is {_options.RequestTimeout}" : ex.GetType().Name, ex);
        }
    }

    private async Task<BulkExportManifest> ManifestAsync(Uri statusUrl, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await BoundedContent.ReadAsync(response.Content, _options.MaxManifestBytes, null, cancellationToken).ConfigureAwait(false);
        if (body.Bytes is null)
            throw new BulkExportException("manifest", statusUrl, "too large", $"over BulkData:MaxManifestBytes ({_options.MaxManifestBytes} bytes)");
        var manifest = BulkManifestReader.Read(body.Bytes, statusUrl, allowList);
        BulkLog.Complete(logger, manifest.Output.Count, manifest.Errors.Count, manifest.RequiresAccessToken);
        return manifest;
    }

    private async Task<BulkExportException> FailureAsync(string step, Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var outcome = await BulkOutcome.ReadAsync(response, _options.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        return Failure(step, url, (int)response.StatusCode, outcome);
    }

    private BulkExportException Failure(string step, Uri url, int status, BulkOutcome outcome)
    {
        BulkLog.Failed(logger, step, $"{status} ({outcome.Codes})");
        return new BulkExportException(step, url, status.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Words) { StatusCode = status };
    }

    private BulkExportException DeadlinePassed(Uri statusUrl, Exception inner)
    {
        BulkLog.Failed(logger, "status poll", "export deadline passed");
        return new BulkExportException("status poll", statusUrl, "no manifest in time", $"BulkData:ExportDeadline is {_options.ExportDeadline}", inner);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // X-Progress is free text from the server (e.g. "50% complete"): one short line, printable characters only.
    private static string Progress(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Progress", out var values)) return "no X-Progress";
        var text = new string(string.Join(' ', values).Where(c => !char.IsControl(c)).Take(MaxProgressLength).ToArray()).Trim();
        return text.Length == 0 ? "no X-Progress" : text;
    }

    internal static Uri KickOffUrl(Uri fhirBase, BulkExportRequest request, IReadOnlyList<string> typeFilters)
    {
        if (request.GroupId is not null && !FhirId().IsMatch(request.GroupId))
            throw new BulkExportException("kick-off", fhirBase, "refused", "the Group id is not a FHIR id ([A-Za-z0-9-.]{1,64})");
        if (request.Types.FirstOrDefault(t => !ResourceType().IsMatch(t)) is { } badType)
            throw new BulkExportException("kick-off", fhirBase, "refused", $"_type entry '{(badType.Length > 40 ? badType[..40] : badType)}' is not a resource type");
        var query = new List<string>();
        if (request.Types.Count > 0) query.Add("_type=" + string.Join(',', request.Types));
        if (request.Since is { } since) query.Add("_since=" + Uri.EscapeDataString(since.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture)));
        query.AddRange(typeFilters.Select(f => "_typeFilter=" + Uri.EscapeDataString(f)));
        var path = new StringBuilder(fhirBase.AbsoluteUri.TrimEnd('/'));
        path.Append(request.GroupId is null ? "/Patient/$export" : $"/Group/{request.GroupId}/$export");
        if (query.Count > 0) path.Append('?').AppendJoin('&', query);
        return new Uri(path.ToString());
    }

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex FhirId();

    [GeneratedRegex("^[A-Z][A-Za-z]{1,63}$")]
    private static partial Regex ResourceType();
}
