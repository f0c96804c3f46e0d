using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Burly.Core.Tests;

/// <summary>Every <c>[LoggerMessage]</c> in each Burly assembly has its own event id (log queries and alerts key on them).</summary>
public sealed class LoggerMessageEventIdTests
{
    /// <summary>Every Burly library and host next to the tests (Core, Tools, AspNetCore and whatever else is referenced).</summary>
    private static IEnumerable<Assembly> BurlyAssemblies()
    {
        // Referenced explicitly so they are loaded even if the loader has not needed them yet.
        Assembly[] known = [typeof(Burly.BurlyInfo).Assembly, typeof(Burly.Configuration.DockerOptions).Assembly, typeof(Burly.Host.Http.BurlyHttpApplication).Assembly];
        var byName = known.ToDictionary(a => a.GetName().Name!, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Burly.*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!name.EndsWith(".Tests", StringComparison.Ordinal) && !byName.ContainsKey(name))
            {
                byName[name] = Assembly.LoadFrom(file);
            }
        }

        return byName.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal);
    }

    internal static IEnumerable<string> DuplicateEventIds(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        return assembly.GetTypes()
            .SelectMany(t => t.GetMethods(all).Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(x => x.Attribute is not null)
            .GroupBy(x => x.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{assembly.GetName().Name}: event id {g.Key} used by {string.Join(", ", g.Select(x => x.Method.DeclaringType!.Name + "." + x.Method.Name))}");
    }

    [Test]
    public void LoggerMessages_EveryBurlyAssembly_EventIdsUnique()
    {
        var assemblies = BurlyAssemblies().ToList();
        Assert.That(assemblies.Select(a => a.GetName().Name), Is.SupersetOf(new[] { "Burly.Core", "Burly.Tools", "Burly.AspNetCore" }));

        var duplicates = assemblies.SelectMany(DuplicateEventIds).ToList();

        Assert.That(duplicates, Is.Empty);
    }

    [Test]
    public void LoggerMessages_Core_AtLeastOneFound()
    {
        // Guards the reflection itself: if the attribute were not found, the uniqueness test would pass on nothing.
        var count = typeof(Burly.BurlyInfo).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Count(m => m.GetCustomAttribute<LoggerMessageAttribute>() is not null);

        Assert.That(count, Is.GreaterThan(10));
    }
}
