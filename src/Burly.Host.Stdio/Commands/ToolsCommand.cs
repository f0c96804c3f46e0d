using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Burly.Confirmation;
using Burly.Configuration;
using Burly.Hosting;
using Burly.Pipeline;
using Burly.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly tools list|call</c>: the same pipeline and audit as MCP calls.</summary>
internal static class ToolsCommand
{
    /// <summary>Exit code when a call needs confirmation.</summary>
    public const int NeedsConfirmation = 3;

    public static Command Create()
    {
        var tools = new Command("tools", "List or call tools (through the full pipeline, audited).");

        var json = new Option<bool>("--json") { Description = "Print the MCP tools/list JSON." };
        var list = new Command("list", "List the tools the policy enables.") { json };
        list.SetAction((pr, ct) => ListAsync(pr.GetValue(json)));
        tools.Subcommands.Add(list);

        var name = new Argument<string>("name") { Description = "The tool name." };
        var args = new Option<string>("--args") { Description = "Arguments as a JSON object.", DefaultValueFactory = _ => "{}" };
        var confirm = new Option<bool>("--confirm") { Description = "Confirm a mutating call (you, the operator, approve it)." };
        var call = new Command("call", "Call a tool.") { name, args, confirm };
        call.SetAction((pr, ct) => CallAsync(pr.GetValue(name)!, pr.GetValue(args)!, pr.GetValue(confirm), ct));
        tools.Subcommands.Add(call);
        return tools;
    }

    private static async Task<int> ListAsync(bool asJson)
    {
        if (!CliHost.TryCreate(out var services))
        {
            return 1;
        }

        using (services)
        {
            PolicyDocument policy;
            try
            {
                policy = services.GetRequiredService<IPolicyProvider>().Current;
            }
            catch (PolicyValidationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 1;
            }

            if (asJson)
            {
                var array = new JsonArray();
                foreach (var t in services.GetRequiredService<IBurlyToolInvoker>().ListTools(CallerContext.Local("cli")))
                {
                    array.Add(new JsonObject
                    {
                        ["name"] = t.Name,
                        ["description"] = t.Description,
                        ["inputSchema"] = JsonNode.Parse(t.InputSchema.GetRawText()),
                        ["annotations"] = new JsonObject
                        {
                            ["readOnlyHint"] = t.ReadOnly,
                            ["destructiveHint"] = t.Destructive,
                            ["idempotentHint"] = t.Idempotent,
                            ["openWorldHint"] = t.OpenWorld,
                        },
                    });
                }

                await Console.Out.WriteLineAsync(CliOutput.Json(new JsonObject { ["tools"] = array })).ConfigureAwait(false);
                return 0;
            }

            await Console.Out.WriteLineAsync($"{"TOOL",-22} {"MUTATES",-8} {"CONFIRM",-8} {"TIMEOUT",-8} DESCRIPTION").ConfigureAwait(false);
            foreach (var t in policy.Tools.Values)
            {
                await Console.Out.WriteLineAsync($"{t.Name,-22} {(t.Mutates ? "yes" : "no"),-8} {(t.RequiresConfirm ? "yes" : "no"),-8} {t.TimeoutSec + "s",-8} {t.Description}").ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync($"{policy.Tools.Count} tools (policy: {policy.Describe()})").ConfigureAwait(false);
            return 0;
        }
    }

    private static async Task<int> CallAsync(string name, string argsJson, bool confirm, CancellationToken cancellationToken)
    {
        JsonElement arguments;
        try
        {
            arguments = JsonDocument.Parse(argsJson).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            await Console.Error.WriteLineAsync($"burly: --args is not valid JSON ({ex.Message}). Example: --args '{{\"all\":true}}'").ConfigureAwait(false);
            return 2;
        }

        if (!CliHost.TryCreate(out var services))
        {
            return 1;
        }

        using (services)
        {
            ToolCallOutcome outcome;
            try
            {
                var caller = CallerContext.Local("cli");
                outcome = await services.GetRequiredService<IBurlyToolInvoker>().InvokeAsync(new ToolCallRequest
                {
                    ToolName = name,
                    Arguments = arguments,
                    Caller = caller,
                    ConfirmationEvidence = confirm ? ConfirmationEvidence.FromOperator(caller.UserId) : null,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (PolicyValidationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 1;
            }

            await Console.Out.WriteLineAsync(CliOutput.Json(McpResultMapper.ToStructuredContent(outcome))).ConfigureAwait(false);
            if (outcome.Status == ToolCallStatus.NeedConfirm)
            {
                await Console.Error.WriteLineAsync($"burly: {name} changes the system; repeat with --confirm to run it.").ConfigureAwait(false);
                return NeedsConfirmation;
            }

            return outcome.IsSuccess ? 0 : 1;
        }
    }
}
