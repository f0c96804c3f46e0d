using System.Collections.Concurrent;

namespace Burly.Host.Http.TestHost.TestTools;

/// <summary>Records which test tools actually ran (so tests can assert that a refused call changed nothing).</summary>
public sealed class TestToolLog
{
    /// <summary>Gets the calls that ran, as <c>tool:target</c>.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();
}
