using System.CommandLine;
using Burly.Host.Stdio.Commands;

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
