namespace Burly.Backup;

/// <summary>A directory tree a tool pack keeps data in, included in backups as <c>{Component}/{Name}/…</c>.</summary>
/// <param name="Component">The backup component, e.g. <c>blog</c> (one of <see cref="BackupManager.Components"/>).</param>
/// <param name="Name">The tree name within the component, e.g. <c>stage</c>.</param>
/// <param name="Path">The absolute directory path.</param>
public sealed record BackupDataRoot(string Component, string Name, string Path);
