using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Burly.ToolPacks;
using Docker.DotNet;

namespace Burly.Tools.Docker;

/// <summary>
/// Turns engine and transport failures into client-safe <see cref="ToolException"/>s: what went wrong and how to
/// fix it, never a stack trace or a host path (those go to the log).
/// </summary>
internal static partial class DockerErrors
{
    /// <summary>Why the engine could not be used.</summary>
    internal enum Unavailability
    {
        /// <summary>Not an engine-availability problem.</summary>
        None,

        /// <summary>The socket file does not exist.</summary>
        SocketMissing,

        /// <summary>Nothing listens on the endpoint.</summary>
        ConnectionRefused,

        /// <summary>The socket exists but this user may not open it.</summary>
        PermissionDenied,

        /// <summary>The engine did not answer within <c>DOCKER_TIMEOUT</c>.</summary>
        Timeout,

        /// <summary>The endpoint (host name, network) cannot be reached.</summary>
        Unreachable,

        /// <summary>The endpoint in <c>DOCKER_HOST</c> cannot be used.</summary>
        BadEndpoint,

        /// <summary>The engine does not support the API version.</summary>
        ApiVersion,
    }

    /// <summary>Classifies a failure of an engine call.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="timedOut">Whether the <c>DOCKER_TIMEOUT</c> deadline fired.</param>
    /// <param name="socketFileExists">For a Unix-socket endpoint, tells whether the socket file exists; otherwise <see langword="null"/>.</param>
    /// <returns>The reason, or <see cref="Unavailability.None"/> when the engine answered.</returns>
    internal static Unavailability Classify(Exception exception, bool timedOut, Func<bool>? socketFileExists = null)
    {
        if (timedOut && exception is OperationCanceledException or TimeoutException)
        {
            return Unavailability.Timeout;
        }

        if (exception is DockerApiException api)
        {
            return api.StatusCode == HttpStatusCode.BadRequest && api.ResponseBody is { } body && VersionProblem().IsMatch(body)
                ? Unavailability.ApiVersion
                : Unavailability.None;
        }

        if (exception is UriFormatException or NotSupportedException or DockerConfigurationException)
        {
            return Unavailability.BadEndpoint;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.AccessDenied => Unavailability.PermissionDenied,
                        SocketError.ConnectionRefused => Unavailability.ConnectionRefused,

                        // .NET reports both a missing socket file and a socket nobody listens on as EADDRNOTAVAIL.
                        SocketError.AddressNotAvailable when socketFileExists is not null =>
                            socketFileExists() ? Unavailability.ConnectionRefused : Unavailability.SocketMissing,
                        SocketError.TimedOut => Unavailability.Timeout,
                        _ => Unavailability.Unreachable,
                    };
                case UnauthorizedAccessException:
                    return Unavailability.PermissionDenied;
                case FileNotFoundException or DirectoryNotFoundException:
                    return Unavailability.SocketMissing;
                case TimeoutException:
                    return Unavailability.Timeout;
            }
        }

        return exception is HttpRequestException or IOException ? Unavailability.Unreachable : Unavailability.None;
    }

    /// <summary>The client-safe error for an engine that cannot be used.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="scheme">The endpoint's scheme (<c>unix</c>, <c>tcp</c>, …); the address itself is not shown.</param>
    /// <param name="timeoutSeconds">The <c>DOCKER_TIMEOUT</c> in seconds.</param>
    /// <returns>The exception to throw (the caller has logged the cause).</returns>
    internal static ToolException Unavailable(Unavailability reason, string scheme, int timeoutSeconds)
    {
        var message = reason switch
        {
            Unavailability.SocketMissing =>
                "The Docker engine socket does not exist (DOCKER_HOST / DOCKER_SOCKET). Start Docker (e.g. `sudo systemctl start docker`), or point DOCKER_HOST / DOCKER_SOCKET at the engine's socket.",
            Unavailability.ConnectionRefused =>
                "The Docker engine is not running: nothing answers on the configured endpoint (DOCKER_HOST / DOCKER_SOCKET). Start Docker (e.g. `sudo systemctl start docker`) and check DOCKER_HOST.",
            Unavailability.PermissionDenied =>
                "Permission denied on the Docker engine socket. Add the user running Burly to the docker group (`sudo usermod -aG docker <user>`, then log in again), or run Burly with access to the socket.",
            Unavailability.Timeout =>
                $"The Docker engine did not answer within {timeoutSeconds} s (DOCKER_TIMEOUT). Check that Docker is healthy (`docker info`), or raise DOCKER_TIMEOUT.",
            Unavailability.BadEndpoint =>
                "DOCKER_HOST is not a usable Docker engine address. Use unix:///var/run/docker.sock or tcp://host:2375.",
            Unavailability.ApiVersion =>
                "The Docker engine does not support the requested API version. Upgrade Docker, or unset any pinned API version.",
            _ =>
                "The Docker engine cannot be reached at the configured endpoint (DOCKER_HOST). Start Docker, check DOCKER_HOST and the network to the engine.",
        };

        var details = new JsonObject
        {
            ["reason"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()),
            ["endpoint_scheme"] = scheme,
        };
        return new ToolException(BurlyErrorCodes.DependencyUnavailable, message, details);
    }

    /// <summary>The client-safe error for a container that does not exist.</summary>
    /// <param name="container">The name or id asked for.</param>
    /// <returns>The exception to throw.</returns>
    internal static ToolException NotFound(string container) =>
        new(BurlyErrorCodes.InvalidArguments,
            $"No container named '{container}'. Call docker_ps with \"all\": true to see the container names.",
            new JsonObject { ["container"] = container });

    /// <summary>The client-safe error for a request the engine refused (conflict, server error, …).</summary>
    /// <param name="exception">The engine's answer.</param>
    /// <param name="operation">What was attempted, e.g. <c>restart container 'web'</c>.</param>
    /// <returns>The exception to throw (the caller has logged the cause).</returns>
    internal static ToolException Refused(DockerApiException exception, string operation)
    {
        var engineMessage = EngineMessage(exception.ResponseBody);
        return new ToolException(BurlyErrorCodes.ToolFailed,
            $"The Docker engine could not {operation} (HTTP {(int)exception.StatusCode}){(engineMessage.Length > 0 ? ": " + engineMessage : string.Empty)}.",
            new JsonObject { ["status_code"] = (int)exception.StatusCode });
    }

    /// <summary>Extracts the engine's <c>message</c> from an error body, without host paths, at most 300 characters.</summary>
    /// <param name="body">The response body.</param>
    /// <returns>The message, or an empty string.</returns>
    internal static string EngineMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        string text;
        try
        {
            using var doc = JsonDocument.Parse(body);
            text = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() ?? string.Empty
                : body;
        }
        catch (JsonException)
        {
            text = body;
        }

        text = AbsolutePath().Replace(text.Trim().TrimEnd('.'), "[path]");
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    [GeneratedRegex(@"client version .* is too (new|old)|API version", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionProblem();

    [GeneratedRegex(@"(?<![\w.:])/(?:[\w.@+-]+/)*[\w.@+-]+", RegexOptions.CultureInvariant)]
    private static partial Regex AbsolutePath();
}
