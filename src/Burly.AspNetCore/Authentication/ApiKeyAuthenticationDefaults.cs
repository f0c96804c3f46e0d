namespace Burly.Host.Http.Authentication;

/// <summary>Names used by API key authentication.</summary>
public static class ApiKeyAuthenticationDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string AuthenticationScheme = "BurlyApiKey";

    /// <summary>The authorization policy every protected endpoint uses (also the fallback policy).</summary>
    public const string PolicyName = "Burly";

    /// <summary>The API key header.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The realm in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "burly";
}
