using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>The SMART client wired by hand against a <see cref="FakeEhr"/> and a <see cref="FakeTimeProvider"/>.</summary>
public sealed class SmartTestHost : IDisposable
{
    public const string Browser = "browser-binding-0123456789abcdef";
    public const string RedirectUri = "https://app.example.org/callback";

    public SmartTestHost(Action<SmartClientOptions>? configure = null)
    {
        Clock = new FakeTimeProvider();
        Ehr = new FakeEhr(Clock);
        // These tests are about tokens over hours of the clock: no browser uses the session, so it idles for as long as it lives.
        Options = new SmartClientOptions { ClientId = FakeEhr.ClientId, RedirectUri = RedirectUri, AllowedIssuers = [FakeEhr.Issuer] };
        Options.SessionIdleLifetime = Options.SessionLifetime;
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var http = new TestHttpClientFactory(Ehr.Handler);
        AllowList = new IssuerAllowList(options);
        Discovery = new SmartDiscovery(http, AllowList, options, Clock, NullLogger<SmartDiscovery>.Instance);
        LaunchStates = new InMemoryLaunchStateStore(Clock);
        Sessions = new InMemoryTokenSessionStore(Clock, options);
        Assertions = new ClientAssertionFactory(options, Clock);
        TokenClient = new SmartTokenClient(http, AllowList, Assertions, options, Clock, NullLogger<SmartTokenClient>.Instance);
        IdTokens = new IdTokenValidator(http, AllowList, options, Clock, NullLogger<IdTokenValidator>.Instance);
        Authorizer = new SmartAuthorizer(Discovery, LaunchStates, Sessions, TokenClient, IdTokens, options, Clock, NullLogger<SmartAuthorizer>.Instance);
        Tokens = new SmartTokenProvider(Sessions, TokenClient, options, Clock, NullLogger<SmartTokenProvider>.Instance);
    }

    public FakeTimeProvider Clock { get; }
    public FakeEhr Ehr { get; }
    public SmartClientOptions Options { get; }
    public IssuerAllowList AllowList { get; }
    public SmartDiscovery Discovery { get; }
    public InMemoryLaunchStateStore LaunchStates { get; }
    public InMemoryTokenSessionStore Sessions { get; }
    public ClientAssertionFactory Assertions { get; }
    public SmartTokenClient TokenClient { get; }
    public IdTokenValidator IdTokens { get; }
    public SmartAuthorizer Authorizer { get; }
    public SmartTokenProvider Tokens { get; }

    public Task<BeginLaunchResult> BeginAsync(SmartLaunchMode mode = SmartLaunchMode.StandalonePatient, string? launch = null, string iss = FakeEhr.Issuer) =>
        Authorizer.BeginAsync(iss, mode == SmartLaunchMode.EhrLaunch ? launch ?? "launch-123" : launch, Browser, mode, CancellationToken.None);

    /// <summary>Begin, approve at the fake authorize page, and call back: the whole launch.</summary>
    public async Task<CompleteLaunchResult> LaunchAsync(SmartLaunchMode mode = SmartLaunchMode.StandalonePatient)
    {
        var begun = await BeginAsync(mode);
        Assert.True(begun.Succeeded, begun.Error?.Message);
        var code = Ehr.Authorize(begun.AuthorizeUrl);
        return await Authorizer.CompleteAsync(code, begun.State.State, Browser, CancellationToken.None);
    }

    public void Dispose()
    {
        Assertions.Dispose();
        Ehr.Dispose();
    }
}
