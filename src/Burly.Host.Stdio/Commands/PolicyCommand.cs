using System.CommandLine;
using Burly.Configuration;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly policy validate [PATH] | show-default</c>.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var policy = new Command("policy", "Check or print policies.");
        var path = new Argument<string?>("path") { Description = "Policy file (default: POLICY_FILE, else the built-in policy).", Arity = ArgumentArity.ZeroOrOne };
        var dir = new Option<string?>("--dir") { Description = "tools.d directory to merge (default: POLICY_DIR)." };
        var validate = new Command("validate", "Check a policy without starting anything.") { path, dir };
        validate.SetAction((pr, _) => Task.FromResult(Validate(pr.GetValue(path), pr.GetValue(dir))));
        policy.Subcommands.Add(validate);

        var showDefault = new Command("show-default", "Print the built-in default policy (a starting point for tools.yaml).");
        showDefault.SetAction((_, _) =>
        {
            Console.Out.Write(PolicyStore.ReadDefaultPolicyText());
            return Task.FromResult(0);
        });
        policy.Subcommands.Add(showDefault);
        return policy;
    }

    private static int Validate(string? path, string? directory)
    {
        using var services = BurlyHostFactory.CreateBuilder().Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<BurlyOptions>>().Value.Policy;
        var store = services.GetRequiredService<PolicyStore>();
        try
        {
            var document = store.Validate(path ?? options.File, directory ?? options.Directory);
            Console.Out.WriteLine($"policy valid: {document.Tools.Count} tools ({string.Join(", ", document.Tools.Keys)}) from {document.Describe()}");
            if (document.DisabledTools.Count > 0)
            {
                Console.Out.WriteLine($"disabled: {string.Join(", ", document.DisabledTools)}");
            }

            return 0;
        }
        catch (PolicyValidationException ex)
        {
            Console.Out.WriteLine($"policy invalid: {ex.Problems.Count} problem(s)");
            foreach (var p in ex.Problems)
            {
                Console.Out.WriteLine("  " + p);
            }

            return 1;
        }
    }
}
