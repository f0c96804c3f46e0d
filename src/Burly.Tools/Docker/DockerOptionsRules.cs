using Burly.Configuration;
using FluentValidation;

namespace Burly.Tools.Docker;

/// <summary>Rules for <see cref="DockerOptions"/> beyond its DataAnnotations. The fix is carried in <c>CustomState</c>.</summary>
internal sealed class DockerOptionsRules : AbstractValidator<DockerOptions>
{
    public DockerOptionsRules() =>
        RuleFor(o => o.Host)
            .Must(h => h is null || h.Length == 0 || (Uri.TryCreate(h, UriKind.Absolute, out var u) && u.Scheme is "unix" or "tcp" or "http" or "https" or "npipe"))
            .WithMessage("DOCKER_HOST is not a valid engine address.")
            .WithState(_ => "Use unix:///var/run/docker.sock or tcp://host:2375.");
}
