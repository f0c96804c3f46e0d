using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Configuration;
using Burly.Policy;
using Burly.ToolPacks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly config validate|show</c>.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Command("config", "Validate or show the configuration.");
        var validate = new Command("validate", "Check the configuration and the policy it points to; print every problem (exit 1) or 'configuration valid' (exit 0).");
        validate.SetAction((_, _) => Task.FromResult(Validate()));
        config.Subcommands.Add(validate);
        var show = new Command("show", "Print the effective configuration as JSON (secrets masked).");
        show.SetAction((_, _) => Task.FromResult(Show()));
        config.Subcommands.Add(show);
        return config;
    }

    internal static int Validate()
    {
        var builder = BurlyHostFactory.CreateBuilder();
        var problems = BurlyConfigValidator.Validate(builder.Configuration, builder.Services).Select(p => p.ToString()).ToList();
        if (problems.Count == 0)
        {
            // The policy is part of the configuration an operator deploys: check it too.
            using var services = BurlyHostFactory.CreateBuilder().Services.BuildServiceProvider();
            try
            {
                _ = services.GetRequiredService<PolicyStore>().LoadFromSources();
            }
            catch (PolicyValidationException ex)
            {
                problems.AddRange(ex.Problems.Select(p => "policy: " + p));
            }
        }

        if (problems.Count == 0)
        {
            Console.Out.WriteLine("configuration valid");
            return 0;
        }

        Console.Out.WriteLine($"configuration invalid: {problems.Count} problem(s)");
        foreach (var p in problems)
        {
            Console.Out.WriteLine("  " + p);
        }

        return 1;
    }

    internal static int Show()
    {
        var builder = BurlyHostFactory.CreateBuilder();
        var configuration = builder.Configuration;
        var options = new BurlyOptions();
        var sections = new List<(string Path, object Options)>();
        try
        {
            configuration.GetSection(BurlyOptions.SectionName).Bind(options);
            foreach (var section in builder.Services.Select(d => d.ImplementationInstance).OfType<IBurlyConfigSection>().DistinctBy(s => s.Path))
            {
                sections.Add((section.Path, section.Bind(configuration)));
            }
        }
        catch (InvalidOperationException)
        {
            Console.Error.WriteLine("burly: the configuration has invalid values; run `burly config validate`.");
            return 1;
        }

        var node = JsonSerializer.SerializeToNode(options, CliOutput.Indented)!.AsObject();
        foreach (var (path, bound) in sections.Where(s => s.Path.StartsWith(BurlyOptions.SectionName + ":", StringComparison.Ordinal)))
        {
            var parts = path[(BurlyOptions.SectionName.Length + 1)..].Split(':');
            var parent = node;
            foreach (var part in parts[..^1])
            {
                parent = parent[part] as JsonObject ?? (JsonObject)(parent[part] = new JsonObject()); // e.g. Notifications:Gotify nests under Notifications
            }

            parent[parts[^1]] = JsonSerializer.SerializeToNode(bound, bound.GetType(), CliOutput.Indented);
        }

        Mask(node, BurlyOptions.SectionName);
        var blog = sections.Select(s => s.Options).OfType<BlogOptions>().FirstOrDefault() ?? new BlogOptions();
        node["Effective"] = new JsonObject
        {
            ["DataDirectory"] = options.ResolveDataDirectory(),
            ["AuditPath"] = options.Audit.Enabled ? options.Audit.ResolvePath(options) : null,
            ["BlogStageRoot"] = blog.ResolveStageRoot(options),
            ["BlogPublishRoot"] = blog.ResolvePublishRoot(options),
            ["Policy"] = string.IsNullOrWhiteSpace(options.Policy.File) ? PolicyStore.BuiltInSource : options.Policy.File,
        };
        Console.Out.WriteLine(CliOutput.Json(new JsonObject { [BurlyOptions.SectionName] = node }));
        return 0;
    }

    private static void Mask(JsonObject obj, string path)
    {
        foreach (var (key, value) in obj.ToList())
        {
            var childPath = path + ":" + key;
            if (value is JsonObject child)
            {
                Mask(child, childPath);
            }
            else if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && SecretMasker.IsSecretKey(childPath) && v.GetValue<string>().Length > 0)
            {
                obj[key] = SecretMasker.Mask;
            }
        }
    }
}
