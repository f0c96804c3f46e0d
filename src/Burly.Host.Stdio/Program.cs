using System.CommandLine;
using Burly.Host.Stdio.Commands;
using Burly.Host.Stdio.Stdio;

StartupTrace.Mark("main");
StartupWarmUp.Start();
if (args.Length == 0)
{
    // Plain `burly` (what MCP clients start): serve without building the CLI's command tree (start-up time).
    return await ServeCommand.RunAsync(CancellationToken.None).ConfigureAwait(false);
}

var root = new RootCommand("Burly: a policy-driven MCP server. With no command it serves MCP over stdin/stdout.")
{
    ServeCommand.Create(),
    ToolsCommand.Create(),
    ConfigCommand.Create(),
    PolicyCommand.Create(),
    ApprovalsCommand.Create(),
    NotifyCommand.Create(),
    HealthCommand.Create(),
    AuditCommand.Create(),
    BackupCommand.Create(),
};
root.SetAction((_, cancellationToken) => ServeCommand.RunAsync(cancellationToken));
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
