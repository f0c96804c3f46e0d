namespace Burly.Tools.Blog;

/// <summary>A post read from the staging directory: exactly the bytes that were validated (and are published).</summary>
/// <param name="Given">The path as the caller gave it.</param>
/// <param name="RelativePath">The normalised path relative to the staging directory (also the publish path).</param>
/// <param name="Content">The file's bytes, as read.</param>
/// <param name="Report">The validation report (UTF-8 and front matter).</param>
internal sealed record StagedPost(string Given, string RelativePath, byte[] Content, FrontMatterReport Report);
