using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Burly.Configuration;

/// <summary>Validates one options section: DataAnnotations, then the FluentValidation cross-field rules.</summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class BurlyConfigSection<TOptions>(string path, IValidator<TOptions>? rules) : IBurlyConfigSection, IValidateOptions<TOptions>
    where TOptions : class, new()
{
    public string Path { get; } = path;

    public IReadOnlyList<ConfigProblem> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigProblem>();
        var options = new TOptions();
        BurlyConfigValidator.BindLeniently(configuration.GetSection(Path), options, Path, problems);
        problems.AddRange(ValidateBound(options));
        return problems;
    }

    public object Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TOptions();
        configuration.GetSection(Path).Bind(options);
        return options;
    }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = ValidateBound(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }

    private List<ConfigProblem> ValidateBound(TOptions options) => BurlyConfigValidator.ValidateObject(options, Path, rules);
}
