using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>The three grant types of the token endpoint, after client authentication.</summary>
internal sealed class TokenGrants(
    AuthorizationCodeStore codes,
    RefreshTokenStore refreshTokens,
    TokenIssuer issuer,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    ILogger<TokenGrants> logger)
{
    /// <summary>RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6).</summary>
    public TokenOutcome AuthorizationCode(IFormCollection form, RegisteredClient client, SandboxUrls urls)
    {
        string? code = form["code"];
        if (string.IsNullOrEmpty(code)) return TokenOutcome.Fail("invalid_request", "code is required");
        var redemption = codes.Redeem(code);
        switch (redemption.Status)
        {
            case CodeStatus.Unknown: return TokenOutcome.Fail("invalid_grant", "unknown authorization code");
            case CodeStatus.Expired: return TokenOutcome.Fail("invalid_grant", "authorization code expired");
            case CodeStatus.Reused:
                refreshTokens.RevokeFamily(redemption.Code!.Grant.FamilyId, time.GetUtcNow().AddDays(90));
                logger.ReuseDetected("authorization code", client.ClientId);
                return TokenOutcome.Fail("invalid_grant", "authorization code was already used");
        }
        var pending = redemption.Code!;
        if (pending.Grant.ClientId != client.ClientId) return TokenOutcome.Fail("invalid_grant", "code was issued to another client");
        if (form["redirect_uri"] != pending.RedirectUri) return TokenOutcome.Fail("invalid_grant", "redirect_uri does not match the authorization request");
        if (!Pkce.Verify(form["code_verifier"], pending.CodeChallenge)) return TokenOutcome.Fail("invalid_grant", "code_verifier does not match the S256 code_challenge");

        var lifetime = pending.Grant.Has("offline_access") ? options.Value.OfflineRefreshLifetimeSeconds
            : pending.Grant.Has("online_access") ? options.Value.OnlineRefreshLifetimeSeconds : 0;
        return Issue(urls, pending.Grant, lifetime == 0 ? null : time.GetUtcNow().AddSeconds(lifetime), withIdToken: true);
    }

    /// <summary>RFC 6749 §6; a narrower <c>scope</c> may be asked, never a wider one.</summary>
    public TokenOutcome Refresh(IFormCollection form, RegisteredClient client, SandboxUrls urls)
    {
        string? token = form["refresh_token"];
        if (string.IsNullOrEmpty(token)) return TokenOutcome.Fail("invalid_request", "refresh_token is required");
        var redemption = refreshTokens.Redeem(token);
        if (redemption.Status == RefreshStatus.Reused)
        {
            logger.ReuseDetected("refresh token", client.ClientId);
            return TokenOutcome.Fail("invalid_grant", "refresh token was already used; the session is revoked");
        }
        if (redemption.Entry is not { } entry) return TokenOutcome.Fail("invalid_grant", "unknown or expired refresh token");
        if (entry.Grant.ClientId != client.ClientId) return TokenOutcome.Fail("invalid_grant", "refresh token was issued to another client");

        var grant = entry.Grant;
        if (form.ContainsKey("scope"))
        {
            var asked = ScopeGranter.Split(form["scope"]);
            if (asked.Any(s => !grant.Has(s))) return TokenOutcome.Fail("invalid_scope", "a refresh may only ask for scopes of the original grant");
            grant = grant with { Scopes = asked };
        }
        return Issue(urls, grant, entry.FamilyExpiresAt, withIdToken: false);
    }

    /// <summary>SMART Backend Services: <c>client_credentials</c> with <c>private_key_jwt</c> and system scopes.</summary>
    public TokenOutcome ClientCredentials(IFormCollection form, ClientAuthentication authentication, SandboxUrls urls)
    {
        var client = authentication.Client!;
        if (!authentication.PrivateKeyJwt) return TokenOutcome.Fail("unauthorized_client", "client_credentials requires private_key_jwt");
        var granted = ScopeGranter.Grant(ScopeGranter.Split(form["scope"]), client.Scopes, ScopeContext.System);
        if (granted.Count == 0) return TokenOutcome.Fail("invalid_scope", "no requested system/ scope is allowed for this client");
        var accessToken = issuer.CreateAccessToken(urls, client.ClientId, granted, client.ClientId, patientId: null, fhirUser: null);
        logger.TokenIssued(client.ClientId, "client_credentials", granted.Count);
        return TokenOutcome.Ok(new TokenResponse
        {
            AccessToken = accessToken,
            ExpiresIn = (int)issuer.AccessTokenLifetime.TotalSeconds,
            Scope = string.Join(' ', granted),
        });
    }

    private TokenOutcome Issue(SandboxUrls urls, AuthorizationGrant grant, DateTimeOffset? refreshFamilyExpiry, bool withIdToken)
    {
        string? refreshToken = null;
        if (refreshFamilyExpiry is { } expiry && (refreshToken = refreshTokens.Issue(grant, expiry)) is null)
            return TokenOutcome.Fail("temporarily_unavailable", "the sandbox's token store is full");
        var response = new TokenResponse
        {
            AccessToken = issuer.CreateAccessToken(urls, grant.ClientId, grant.Scopes, grant.FhirUser, grant.PatientId, grant.FhirUser),
            ExpiresIn = (int)issuer.AccessTokenLifetime.TotalSeconds,
            Scope = string.Join(' ', grant.Scopes),
            RefreshToken = refreshToken,
            IdToken = withIdToken && grant.Has("openid") ? issuer.CreateIdToken(urls, grant) : null,
            Patient = grant.PatientId,
            NeedPatientBanner = grant.NeedPatientBanner,
            SmartStyleUrl = grant.SmartStyleUrl,
            Intent = grant.Intent,
        };
        logger.TokenIssued(grant.ClientId, withIdToken ? "authorization_code" : "refresh_token", grant.Scopes.Count);
        return TokenOutcome.Ok(response);
    }
}
