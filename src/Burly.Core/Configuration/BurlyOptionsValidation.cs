using Microsoft.Extensions.Options;

namespace Burly.Configuration;

/// <summary>Runs <see cref="BurlyConfigValidator"/> as options validation, so a bad configuration fails at start.</summary>
internal sealed class BurlyOptionsValidation : IValidateOptions<BurlyOptions>
{
    public ValidateOptionsResult Validate(string? name, BurlyOptions options)
    {
        var problems = BurlyConfigValidator.Validate(options);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }
}
