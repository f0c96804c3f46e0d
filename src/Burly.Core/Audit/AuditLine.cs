namespace Burly.Audit;

/// <summary>One line of an audit log, located by file and line number.</summary>
/// <param name="File">The file name (no directory).</param>
/// <param name="LineNumber">The 1-based line number within the file.</param>
/// <param name="Text">The line text (without the newline).</param>
/// <param name="IsLastOfLog">Whether this is the last line of the whole log (the only place a crash may leave a torn line).</param>
/// <param name="HasNewline">Whether the line ended with a newline (a torn line does not).</param>
public sealed record AuditLine(string File, long LineNumber, string Text, bool IsLastOfLog, bool HasNewline = true);
