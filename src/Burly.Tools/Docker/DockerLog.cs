using Microsoft.Extensions.Logging;

namespace Burly.Tools.Docker;

/// <summary>Log messages of the Docker pack.</summary>
internal static partial class DockerLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Docker engine {Version} (API {ApiVersion}, minimum API {MinApiVersion}, {Os}/{Arch}) over {Scheme}.")]
    public static partial void EngineVersion(ILogger logger, string version, string apiVersion, string minApiVersion, string os, string arch, string scheme);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The Docker engine stopped answering; its version will be read again on the next call.")]
    public static partial void EngineLost(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Docker engine unavailable ({Reason}) for {Tool}: {Cause}")]
    public static partial void EngineUnavailable(ILogger logger, string reason, string tool, string cause);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Docker engine failure detail for {Tool}.")]
    public static partial void EngineFailureDetail(ILogger logger, string tool, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Docker engine refused {Tool} with HTTP {StatusCode}.")]
    public static partial void EngineRefused(ILogger logger, string tool, int statusCode, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Container {Container} refused by the policy's Docker allow-list in {Tool}.")]
    public static partial void ForbiddenContainer(ILogger logger, string container, string tool);
}
