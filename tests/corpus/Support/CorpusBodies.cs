using System.Text;

namespace Burly.Tests.Corpus;

/// <summary>Builds the generated bodies of JSON bombs (kept out of the data files because of their size).</summary>
internal static class CorpusBodies
{
    public static string Generate(string kind, int n, string prefix, string suffix) => kind switch
    {
        "deep_array" => new string('[', n) + new string(']', n),
        "deep_object" => Repeat("{\"a\":", n) + "1" + new string('}', n),
        "deep_args" => prefix + "{\"path\":" + new string('[', n) + new string(']', n) + "}" + suffix,
        "wide_args" => prefix + "{" + string.Join(',', Enumerable.Range(0, n).Select(i => $"\"k{i}\":{i}")) + "}" + suffix,
        "wide_array_args" => prefix + "{\"path\":[" + string.Join(',', Enumerable.Repeat("0", n)) + "]}" + suffix,
        "big_string_args" => prefix + "{\"path\":\"" + new string('a', n) + "\"}" + suffix,
        "big_body" => prefix + "{}" + suffix + new string(' ', n),
        "many_strings" => prefix + "{\"path\":[" + string.Join(',', Enumerable.Repeat("\"x\"", n)) + "]}" + suffix,
        _ => throw new ArgumentException($"Unknown generated body {kind}", nameof(kind)),
    };

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();
}
