namespace Burly.Host.Http.Authentication;

/// <summary>The configured API keys have problems; the host refuses to start and prints them all.</summary>
public sealed class ApiKeyConfigurationException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public ApiKeyConfigurationException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public ApiKeyConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ApiKeyConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="problems">Every problem (none contains a key).</param>
    public ApiKeyConfigurationException(IReadOnlyList<string> problems)
        : base("The API key configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
