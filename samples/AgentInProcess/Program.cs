// A .NET agent using Burly's tools, both ways, with no model (a scripted IChatClient decides):
//   in-process chat-client|agent approve|decline CONTAINER   Burly in this process: FunctionInvokingChatClient or a
//                                                            Microsoft Agent Framework ChatClientAgent; the approval
//                                                            request is shown here and answered by this program.
//   remote URL CONTAINER                                     the official MCP SDK client against a Burly HTTP host
//                                                            (API key from BURLY_AGENT_API_KEY); tools as AIFunctions.
//   measure URL CALLS                                        per-call time of the same tools in-process vs over MCP.
// Configuration for the in-process Burly comes from the environment (AUDIT_LOG_PATH, BURLY_DATA_DIR, DOCKER_HOST, ...).
using System.Diagnostics;
using System.Globalization;
using Burly.Extensions.AI;
using Burly.Pipeline;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Burly.Samples.AgentInProcess;
using ModelContextProtocol.Client;

const string Approver = "local:sample-operator";

try
{
    return args switch
    {
        ["in-process", var runner, var answer, var container] when runner is "chat-client" or "agent" && answer is "approve" or "decline" =>
            await InProcessAsync(runner, answer == "approve", container),
        ["remote", var url, var container] => await RemoteAsync(new Uri(url), container),
        ["measure", var url, var calls] => await MeasureAsync(new Uri(url), int.Parse(calls, CultureInfo.InvariantCulture)),
        _ => Usage(),
    };
}
catch (HttpRequestException ex)
{
    Console.Error.WriteLine($"agent: cannot reach the Burly HTTP host ({ex.Message}).");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: AgentInProcess in-process chat-client|agent approve|decline CONTAINER | remote URL CONTAINER | measure URL CALLS");
    return 2;
}

static ServiceProvider CreateBurly()
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddBurlyLegacyEnvironmentVariables().Build();
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddBurly(configuration).AddBuiltInTools();
    return services.BuildServiceProvider();
}

static async Task<int> InProcessAsync(string runner, bool approve, string container)
{
    await using var burly = CreateBurly();
    var caller = CallerContext.InProcess($"agent:{runner}-sample", clientName: "AgentInProcess");
    var tools = burly.GetBurlyAIFunctions(caller);
    Console.WriteLine($"[{runner}] {tools.Count} Burly tools for {caller.UserId}: {string.Join(", ", tools.Select(t => t.Name + (t is ApprovalRequiredAIFunction ? " (approval)" : string.Empty)))}");
    using var model = new ScriptedChatClient(container);
    var ask = new ChatMessage(ChatRole.User, $"Restart the container {container} if it exists.");

    IList<ChatMessage> first;
    Func<ChatMessage, Task<string>> answerWith;
    if (runner == "chat-client")
    {
        var client = new FunctionInvokingChatClient(model);
        var options = new ChatOptions { Tools = [.. tools] };
        List<ChatMessage> history = [ask];
        var response = await client.GetResponseAsync(history, options);
        history.AddRange(response.Messages);
        first = response.Messages;
        answerWith = async answer =>
        {
            history.Add(answer);
            return (await client.GetResponseAsync(history, options)).Text;
        };
    }
    else
    {
        var agent = new ChatClientAgent(model, instructions: "You operate containers through Burly.", name: "burly-sample-agent", tools: [.. tools]);
        var session = await agent.CreateSessionAsync();
        var response = await agent.RunAsync(ask, session);
        first = response.Messages;
        answerWith = async answer => (await agent.RunAsync(answer, session)).Text;
    }

    var requests = first.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().Where(tools.Owns).ToList();
    if (requests.Count == 0)
    {
        Console.WriteLine($"[{runner}] no approval was requested: {string.Concat(first.Select(m => m.Text))}");
        return 1;
    }

    var contents = new List<AIContent>();
    foreach (var request in requests)
    {
        var described = tools.Describe(request);
        Console.WriteLine($"[{runner}] APPROVAL REQUESTED: {described.Message}");
        Console.WriteLine($"[{runner}] {Approver} answers: {(approve ? "approve" : "decline")}");
        contents.Add(approve ? tools.Approve(request, Approver) : await tools.DeclineAsync(request, Approver, "declined by the sample"));
    }

    var final = await answerWith(new ChatMessage(ChatRole.User, contents));
    Console.WriteLine($"[{runner}] agent: {final}");
    return 0;
}

static async Task<McpClient> ConnectAsync(Uri url)
{
    var key = Environment.GetEnvironmentVariable("BURLY_AGENT_API_KEY") ?? throw new InvalidOperationException("Set BURLY_AGENT_API_KEY to the Burly HTTP host's API key.");
    var transport = new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = url,
        AdditionalHeaders = new Dictionary<string, string> { ["X-Api-Key"] = key },
    });
    return await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "AgentInProcess", Version = "1.0.0" } });
}

static async Task<int> RemoteAsync(Uri url, string container)
{
    await using var mcp = await ConnectAsync(url);
    var tools = await mcp.ListToolsAsync();
    Console.WriteLine($"[remote] {tools.Count} Burly tools over MCP: {string.Join(", ", tools.Select(t => t.Name))}");
    using var model = new ScriptedChatClient(container);
    using var client = new FunctionInvokingChatClient(model);
    var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, $"Restart the container {container} if it exists.")], new ChatOptions { Tools = [.. tools] });
    Console.WriteLine($"[remote] agent: {response.Text}");
    return 0;
}

static async Task<int> MeasureAsync(Uri url, int calls)
{
    await using var burly = CreateBurly();
    var local = burly.GetBurlyAIFunctions(CallerContext.InProcess("agent:measure", "AgentInProcess"));
    await using var mcp = await ConnectAsync(url);
    var remote = await mcp.ListToolsAsync();
    foreach (var (tool, json) in new[] { ("disk_space", "{}"), ("docker_ps", "{\"all\":true}") })
    {
        var arguments = new AIFunctionArguments(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!);
        var inProcess = await TimeAsync(local.Single(t => t.Name == tool), arguments, calls);
        var overMcp = await TimeAsync(remote.Single(t => t.Name == tool), arguments, calls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measure {tool}: in-process median {inProcess.Median:F3} ms mean {inProcess.Mean:F3} ms | MCP over HTTP median {overMcp.Median:F3} ms mean {overMcp.Mean:F3} ms | {calls} calls each, ratio {overMcp.Median / inProcess.Median:F1}x"));
    }

    return 0;
}

static async Task<(double Median, double Mean)> TimeAsync(AIFunction function, AIFunctionArguments arguments, int calls)
{
    for (var i = 0; i < 5; i++)
    {
        await function.InvokeAsync(arguments); // warm-up
    }

    var times = new List<double>(calls);
    for (var i = 0; i < calls; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await function.InvokeAsync(arguments);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    times.Sort();
    return (times[times.Count / 2], times.Average());
}
