using System.CommandLine;
using Burly.Confirmation;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Stdio.Commands;

/// <summary><c>burly approvals list | approve ID | reject ID</c>: out-of-band confirmation of mutating calls.</summary>
internal static class ApprovalsCommand
{
    public static Command Create()
    {
        var approvals = new Command("approvals", "List, approve or reject pending confirmations of mutating calls.");
        var list = new Command("list", "List pending approvals.");
        list.SetAction((_, _) => Task.FromResult(List()));
        approvals.Subcommands.Add(list);
        approvals.Subcommands.Add(Decide("approve", approve: true));
        approvals.Subcommands.Add(Decide("reject", approve: false));
        return approvals;
    }

    private static Command Decide(string name, bool approve)
    {
        var id = new Argument<string>("id") { Description = "The approval id (apr_…)." };
        var by = new Option<string>("--by") { Description = "Who decides (default: the local user).", DefaultValueFactory = _ => "local:" + Environment.UserName };
        var command = new Command(name, approve ? "Approve a pending call (valid once, for the same tool and arguments, within its TTL)." : "Reject a pending call.") { id, by };
        command.SetAction(async (pr, cancellationToken) =>
        {
            if (!CliHost.TryCreate(out var services))
            {
                return 1;
            }

            using (services)
            {
                var (_, problem) = await services.GetRequiredService<ApprovalStore>().DecideAsync(pr.GetValue(id)!, approve, pr.GetValue(by)!, "cli", cancellationToken);
                if (problem is not null)
                {
                    await Console.Error.WriteLineAsync("burly: " + problem);
                    return 1;
                }

                await Console.Out.WriteLineAsync($"{pr.GetValue(id)} {(approve ? "approved" : "rejected")}");
                return 0;
            }
        });
        return command;
    }

    private static int List()
    {
        if (!CliHost.TryCreate(out var services))
        {
            return 1;
        }

        using (services)
        {
            var pending = services.GetRequiredService<ApprovalStore>().ListPending();
            foreach (var a in pending)
            {
                Console.Out.WriteLine($"{a.Id}  {a.Tool,-20} requested by {a.RequestedBy} at {a.CreatedAt:u}, expires {a.ExpiresAt:u}");
                Console.Out.WriteLine($"    {a.Operation}");
            }

            Console.Out.WriteLine($"{pending.Count} pending");
            return 0;
        }
    }
}
