using System.ComponentModel.DataAnnotations;

namespace Burly.Configuration;

/// <summary>Options of the <c>gotify</c> notification channel (section <c>Burly:Notifications:Gotify</c>).</summary>
public sealed class GotifyOptions
{
    /// <summary>Gets or sets the Gotify base URL (<c>GOTIFY_URL</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Gets or sets the application token (<c>GOTIFY_TOKEN</c>). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets a file holding the token, e.g. a Docker secret (<c>GOTIFY_TOKEN_FILE</c>).</summary>
    public string? TokenFile { get; set; }

    /// <summary>Gets or sets the request timeout in seconds.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Returns the token in effect: <see cref="Token"/>, else the trimmed content of <see cref="TokenFile"/>.</summary>
    /// <returns>The token, or <see langword="null"/> when none is configured or the file cannot be read.</returns>
    public string? ResolveToken()
    {
        if (!string.IsNullOrEmpty(Token))
        {
            return Token;
        }

        if (string.IsNullOrWhiteSpace(TokenFile))
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(TokenFile).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
