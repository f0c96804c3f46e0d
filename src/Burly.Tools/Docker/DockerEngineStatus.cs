namespace Burly.Health;

/// <summary>What the Docker engine probe found.</summary>
/// <param name="Up">Whether the engine answered the ping.</param>
/// <param name="Transport">How it was reached (<c>unix</c>, <c>tcp</c>); never the socket path.</param>
/// <param name="Version">The engine version.</param>
/// <param name="ApiVersion">The engine API version.</param>
/// <param name="Error">Why it is down, with the fix when known; no host paths.</param>
public sealed record DockerEngineStatus(bool Up, string Transport, string? Version, string? ApiVersion, string? Error);
