using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Typed HttpClient for the FHIR R4 RESTful API (§3.1.0 read, §3.1.1 search), behind the resilience pipeline of <see cref="FhirResilience"/>.
/// Sends <c>Accept: application/fhir+json</c> and the session's bearer token (SMART App Launch 2.2 §2.1 "Access FHIR
/// API"), retries once with a refreshed token after a 401, follows <c>next</c> links only under the same FHIR base,
/// and bounds pages and bytes. Failures come back as <see cref="FhirProblem"/>s; only cancellation throws.
/// </summary>
public sealed class FhirRestClient(
    HttpClient http,
    IAccessTokenSource tokens,
    IssuerAllowList allowList,
    IOptions<SmartClientOptions> options,
    FhirRequestCounter counter,
    ILogger<FhirRestClient> logger)
{
    public async Task<ResourceReadResult> ReadAsync(FhirConnection connection, string resourceType, string id, FhirLoadBudget? budget, CancellationToken cancellationToken)
    {
        if (!FhirPaths.IsValidType(resourceType) || !FhirPaths.IsValidId(id))
            return ResourceReadResult.Failure(new FhirProblem(FhirProblemKind.InvalidRequest, "Not a valid resource type and id."));
        var response = await GetAsync(connection, FhirPaths.Combine(connection.BaseUrl, $"{resourceType}/{id}"), budget, cancellationToken).ConfigureAwait(false);
        if (response.Problem is { } problem) return Fail("read", resourceType, problem);
        try
        {
            // A document that owns its memory: the element is kept as it is, no second copy.
            var root = JsonElement.Parse(response.Body);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String
                || !type.ValueEquals(resourceType) || !root.TryGetProperty("id", out var rid) || rid.ValueKind != JsonValueKind.String || !rid.ValueEquals(id))
                return Fail("read", resourceType, new FhirProblem(FhirProblemKind.InvalidResponse, $"The server returned something other than the {resourceType} asked for."));
            return ResourceReadResult.Success(root);
        }
        catch (JsonException)
        {
            return Fail("read", resourceType, new FhirProblem(FhirProblemKind.InvalidResponse, $"The {resourceType} was not valid JSON."));
        }
    }

    /// <param name="parameters">Search parameters, unencoded; <c>_count</c> is added from <c>Smart:PageSize</c> unless given.</param>
    public async Task<FhirSearchResult> SearchAsync(
        FhirConnection connection, string resourceType, IEnumerable<KeyValuePair<string, string>> parameters, FhirLoadBudget? budget, CancellationToken cancellationToken)
    {
        var resources = new List<JsonElement>();
        var problems = new List<FhirProblem>();
        if (!FhirPaths.IsValidType(resourceType))
            return new FhirSearchResult(resources, [new FhirProblem(FhirProblemKind.InvalidRequest, "Not a valid resource type.")], 0, 0);

        var visited = new HashSet<string>(StringComparer.Ordinal);
        int pages = 0;
        long bytes = 0;
        Uri? next = SearchUrl(connection.BaseUrl, resourceType, parameters);
        while (next is not null)
        {
            if (!visited.Add(next.AbsoluteUri)) { problems.Add(new(FhirProblemKind.PagingLoop, $"The {resourceType} results link back to a page already read; stopped there.")); break; }
            if (pages >= options.Value.MaxPages) { problems.Add(new(FhirProblemKind.PageLimitReached, $"More {resourceType} results remain after {pages} pages; only those were read.")); break; }

            var response = await GetAsync(connection, next, budget, cancellationToken).ConfigureAwait(false);
            if (response.Problem is { } problem) { problems.Add(problem); break; }
            BundlePage? page;
            try { page = BundlePage.Read(response.Body, next); }
            catch (JsonException) { page = null; }
            if (page is null) { problems.Add(new(FhirProblemKind.InvalidResponse, $"A page of {resourceType} results was not a FHIR Bundle.")); break; }

            pages++;
            bytes += response.Body.Length;
            resources.AddRange(page.Resources);
            problems.AddRange(page.Warnings);
            next = page.Next;
            if (next is not null && !FhirPaths.IsUnderBase(next, connection.BaseUrl))
            {
                problems.Add(new(FhirProblemKind.NextLinkRefused, $"The next page of {resourceType} results is on another server; it was not fetched."));
                break;
            }
        }
        foreach (var p in problems.Where(p => p.Kind != FhirProblemKind.ServerWarning)) FhirLog.Problem(logger, "search", resourceType, p.Kind.ToString());
        FhirLog.SearchDone(logger, resourceType, pages, resources.Count, bytes);
        return new FhirSearchResult(resources, problems, pages, bytes);
    }

    /// <summary>
    /// POSTs <paramref name="resource"/> (FHIR R4 §3.1.0.8 create), conditionally when <paramref name="ifNoneExist"/>
    /// is given (<c>If-None-Exist</c>, §3.1.0.8.1): a resend then finds the first one instead of making a second, so
    /// the resilience handler may retry it like a read. One resend with a refreshed token after 401.
    /// </summary>
    public async Task<FhirCreateResult> CreateAsync(FhirConnection connection, Resource resource, string? ifNoneExist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var resourceType = resource.TypeName;
        var url = FhirPaths.Combine(connection.BaseUrl, resourceType);
        if (!allowList.IsAllowedUrl(url) || !FhirPaths.IsUnderBase(url, connection.BaseUrl))
            return FhirCreateResult.Failure(new(FhirProblemKind.InvalidRequest, "The FHIR server is not on the allow-list."), permanent: true);
        var body = WriteBack.FhirJsonOutput.SerializeToUtf8Bytes(resource);
        var source = connection.TokenSource ?? tokens;
        var token = await source.GetAccessTokenAsync(connection.SessionId, cancellationToken).ConfigureAwait(false);
        // A session that no longer exists will not come back; an expiry may be a refresh that failed for a while.
        if (!token.Succeeded)
            return FhirCreateResult.Failure(new(FhirProblemKind.Unauthorized, token.Error.Message), permanent: token.Error.Code == SmartErrorCode.SessionNotFound);

        var (response, problem) = await PostAsync(connection, url, body, ifNoneExist, token.AccessToken, cancellationToken).ConfigureAwait(false);
        if (response?.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            var renewed = await source.OnUnauthorizedAsync(connection.SessionId, token.AccessToken, cancellationToken).ConfigureAwait(false);
            if (!renewed.Succeeded) return FhirCreateResult.Failure(new(FhirProblemKind.Unauthorized, renewed.Error.Message, 401), permanent: false);
            (response, problem) = await PostAsync(connection, url, body, ifNoneExist, renewed.AccessToken, cancellationToken).ConfigureAwait(false);
        }
        if (response is null)
        {
            FhirLog.Problem(logger, "create", resourceType, problem!.Kind.ToString());
            return FhirCreateResult.Failure(problem!, permanent: false);
        }
        using (response)
        {
            BoundedBody read;
            try
            {
                read = await BoundedContent.ReadAsync(response.Content, options.Value.MaxResponseBytes, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsCutOff(ex))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Whether the create happened is unknown: a retry is safe only because callers create conditionally.
                FhirLog.Problem(logger, "create", resourceType, FhirProblemKind.Network.ToString());
                return FhirCreateResult.Failure(CutOff(ex), permanent: false);
            }
            var json = read.TooLarge ? null : read.Bytes;
            if (response.IsSuccessStatusCode)
            {
                var id = ResourceId(json, resourceType) ?? LocationId(response.Headers.Location, resourceType);
                return FhirCreateResult.Success(id, response.StatusCode == HttpStatusCode.OK);
            }
            var status = (int)response.StatusCode;
            FhirLog.Problem(logger, "create", resourceType, FhirProblemKind.HttpStatus.ToString());
            var permanent = status is >= 400 and < 500 and not 408 and not 429 and not 401;
            return FhirCreateResult.Failure(StatusProblem(response.StatusCode), permanent, OutcomeText.Words(FhirPocoJson.Read<OperationOutcome>(json), 1000));
        }
    }

    private async Task<(HttpResponseMessage? Response, FhirProblem? Problem)> PostAsync(
        FhirConnection connection, Uri url, byte[] body, string? ifNoneExist, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (ifNoneExist is not null) request.Headers.TryAddWithoutValidation("If-None-Exist", ifNoneExist);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json") { CharSet = "utf-8" };
        request.Options.Set(FhirRequestOptions.BreakerScope, connection.BaseUrl.AbsoluteUri);
        // Only a conditional create is safe to resend: the server finds the first copy.
        request.Options.Set(FhirRequestOptions.RetrySafeKey, ifNoneExist is not null);
        counter.CountRequest();
        return await SendMappedAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static string? ResourceId(byte[]? json, string resourceType)
    {
        if (json is not { Length: > 0 }) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("resourceType", out var type) && type.ValueEquals(resourceType)
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && FhirPaths.IsValidId(id.GetString()!)
                ? id.GetString()
                : null;
        }
        catch (JsonException) { return null; }
    }

    // Location: [base]/Type/id/_history/vid (R4 §3.1.0.8).
    private static string? LocationId(Uri? location, string resourceType)
    {
        if (location is null) return null;
        var segments = location.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.LastIndexOf(segments, resourceType);
        return at >= 0 && at + 1 < segments.Length && FhirPaths.IsValidId(segments[at + 1]) ? segments[at + 1] : null;
    }

    private ResourceReadResult Fail(string operation, string resourceType, FhirProblem problem)
    {
        FhirLog.Problem(logger, operation, resourceType, problem.Kind.ToString());
        return ResourceReadResult.Failure(problem);
    }

    private Uri SearchUrl(Uri baseUrl, string resourceType, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var list = parameters.ToList();
        if (!list.Any(p => p.Key == "_count")) list.Add(new("_count", options.Value.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var query = new StringBuilder(resourceType).Append('?');
        query.AppendJoin('&', list.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return FhirPaths.Combine(baseUrl, query.ToString());
    }

    /// <summary>GET with the bearer token; one resend with a refreshed token after 401; body read within the limits.</summary>
    private async Task<FhirBody> GetAsync(FhirConnection connection, Uri url, FhirLoadBudget? budget, CancellationToken cancellationToken)
    {
        if (!allowList.IsAllowedUrl(url) || !FhirPaths.IsUnderBase(url, connection.BaseUrl))
            return FhirBody.Failed(new(FhirProblemKind.InvalidRequest, "The FHIR server is not on the allow-list."));
        var token = connection.BearerToken is { } bearer
            ? AccessTokenResult.Success(bearer)
            : await (connection.TokenSource ?? tokens).GetAccessTokenAsync(connection.SessionId, cancellationToken).ConfigureAwait(false);
        if (!token.Succeeded) return FhirBody.Failed(new(FhirProblemKind.Unauthorized, token.Error.Message));

        var (response, problem) = await SendAsync(connection, url, token.AccessToken, budget, cancellationToken).ConfigureAwait(false);
        // A caller-supplied token cannot be refreshed: its 401 is final.
        if (response?.StatusCode == HttpStatusCode.Unauthorized && connection.BearerToken is null)
        {
            response.Dispose();
            var renewed = await (connection.TokenSource ?? tokens).OnUnauthorizedAsync(connection.SessionId, token.AccessToken, cancellationToken).ConfigureAwait(false);
            if (!renewed.Succeeded) return FhirBody.Failed(new(FhirProblemKind.Unauthorized, renewed.Error.Message, 401));
            (response, problem) = await SendAsync(connection, url, renewed.AccessToken, budget, cancellationToken).ConfigureAwait(false);
        }
        if (response is null) return FhirBody.Failed(problem!);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                return FhirBody.Failed(StatusProblem(response.StatusCode) with { ServerText = await OutcomeTextAsync(response, cancellationToken).ConfigureAwait(false) });
            BoundedBody body;
            try
            {
                body = await BoundedContent.ReadAsync(response.Content, options.Value.MaxResponseBytes, budget, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsCutOff(ex))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return FhirBody.Failed(CutOff(ex));
            }
            if (body.TooLarge) return FhirBody.Failed(new(FhirProblemKind.ResponseTooLarge, $"A response was larger than {options.Value.MaxResponseBytes} bytes; reading stopped."));
            if (body.BudgetExhausted) return FhirBody.Failed(new(FhirProblemKind.LoadBudgetExhausted, "This page load read as much data as it may; the rest was skipped."));
            return FhirBody.Read(body.Bytes!);
        }
    }

    private async Task<(HttpResponseMessage? Response, FhirProblem? Problem)> SendAsync(
        FhirConnection connection, Uri url, string accessToken, FhirLoadBudget? budget, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Options.Set(FhirRequestOptions.BreakerScope, connection.BaseUrl.AbsoluteUri);
        counter.CountRequest();
        budget?.CountRequest();
        return await SendMappedAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The words of an OperationOutcome error body (read with Firely, at most 300 characters); null if there is none.</summary>
    private static async Task<string?> OutcomeTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        const int MaxOutcomeBytes = 16 * 1024;
        try
        {
            var body = await BoundedContent.ReadAsync(response.Content, MaxOutcomeBytes, null, cancellationToken).ConfigureAwait(false);
            return OutcomeText.Words(FhirPocoJson.Read<OperationOutcome>(body.Bytes), 300);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    // The body stopped coming after the headers: the connection dropped, or a per-try timeout or deadline fired mid-body
    // (the test server reports that as an IOException). The caller's own cancellation still propagates (callers rethrow).
    private static bool IsCutOff(Exception ex) => ex is IOException or HttpRequestException or OperationCanceledException;

    private static FhirProblem CutOff(Exception ex) => ex is OperationCanceledException
        ? new(FhirProblemKind.Timeout, "The FHIR server did not finish its answer in time.")
        : new(FhirProblemKind.Network, "The FHIR server's answer was cut off.");

    private static FhirProblem StatusProblem(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => new(FhirProblemKind.Unauthorized, "The FHIR server refused the session's token.", 401),
        HttpStatusCode.Forbidden => new(FhirProblemKind.Forbidden, "The FHIR server does not allow this app to read this.", 403),
        HttpStatusCode.NotFound or HttpStatusCode.Gone => new(FhirProblemKind.NotFound, "The FHIR server has no such record.", (int)status),
        _ => new(FhirProblemKind.HttpStatus, $"The FHIR server answered {(int)status}.", (int)status),
    };

    private readonly record struct FhirBody(byte[] Body, FhirProblem? Problem)
    {
        public static FhirBody Read(byte[] body) => new(body, null);
        public static FhirBody Failed(FhirProblem problem) => new([], problem);
    }

    /// <summary>Sends; transport failures (timeout, open circuit, network) become a <see cref="FhirProblem"/>.</summary>
    private async Task<(HttpResponseMessage? Response, FhirProblem? Problem)> SendMappedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return (await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutRejectedException) { return (null, new(FhirProblemKind.Timeout, "The FHIR server did not answer in time.")); }
        catch (BrokenCircuitException) { return (null, new(FhirProblemKind.CircuitOpen, "The FHIR server failed repeatedly; calls are paused for a moment.")); }
        catch (HttpRequestException) { return (null, new(FhirProblemKind.Network, "The FHIR server could not be reached.")); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new(FhirProblemKind.Timeout, "The FHIR server did not answer in time."));
        }
    }
}
