namespace Burly.Policy;

/// <summary>Thrown when a policy has problems; <see cref="Problems"/> lists every one.</summary>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Initializes a new instance with the problems found.</summary>
    /// <param name="problems">The problems.</param>
    public PolicyValidationException(IReadOnlyList<PolicyProblem> problems)
        : base("The policy is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  " + p)))
    {
        Problems = problems ?? [];
    }

    /// <summary>Initializes a new instance.</summary>
    public PolicyValidationException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public PolicyValidationException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }
}
