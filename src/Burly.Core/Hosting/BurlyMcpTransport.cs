namespace Burly.Hosting;

/// <summary>The transport name written to audit records (<c>stdio</c> or <c>http</c>).</summary>
/// <param name="Name">The name.</param>
public sealed record BurlyMcpTransport(string Name);
