namespace Burly.Policy;

/// <summary>Gives the policy in force; a reload swaps it atomically.</summary>
public interface IPolicyProvider
{
    /// <summary>Gets the policy in force.</summary>
    PolicyDocument Current { get; }

    /// <summary>Raised after a new policy has been swapped in.</summary>
    event EventHandler<PolicyDocument>? Changed;
}
