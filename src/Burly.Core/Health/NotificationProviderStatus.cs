namespace Burly.Health;

/// <summary>The state of one notification provider.</summary>
/// <param name="Provider">The provider name (<c>console</c>, <c>gotify</c>, <c>webhook</c>).</param>
/// <param name="Ok">Whether it is usable.</param>
/// <param name="Detail">What was found (no secrets, no tokens, no URLs with credentials).</param>
public sealed record NotificationProviderStatus(string Provider, bool Ok, string Detail);
