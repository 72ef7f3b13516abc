namespace MbcFhirEdu.Data.CdsHooks;

/// <summary>
/// The bounds of the CDS Hooks stores, given by the host (the web app takes them from its <c>CdsHooks</c> settings).
/// </summary>
/// <param name="ReplayCapacity">While this many unexpired jtis are stored, new tokens are refused (fail closed).</param>
/// <param name="FeedbackCapacity">Feedback rows kept; the oldest beyond it are deleted.</param>
/// <param name="ClockSkew">How long past its expiry a jti is still kept, so a token the verifier accepts with skew is still refused when replayed.</param>
public sealed record CdsStoreLimits(int ReplayCapacity, int FeedbackCapacity, TimeSpan ClockSkew);
