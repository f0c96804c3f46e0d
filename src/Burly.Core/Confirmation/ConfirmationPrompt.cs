using System.Text.Json;

namespace Burly.Confirmation;

/// <summary>What a confirmation question says.</summary>
/// <param name="ToolName">The tool.</param>
/// <param name="Message">The question: what will change, on which target.</param>
/// <param name="Arguments">The tool's arguments (without <c>_confirm</c>).</param>
/// <param name="ArgsHash">The hash of the arguments (binds an MRTR answer to this exact call).</param>
public sealed record ConfirmationPrompt(string ToolName, string Message, JsonElement Arguments, string ArgsHash);
