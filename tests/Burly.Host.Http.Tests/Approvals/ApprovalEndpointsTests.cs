using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Burly.Confirmation;
using Burly.Host.Http.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Burly.Host.Http.Tests.Approvals;

/// <summary>The admin endpoint deciding out-of-band approvals: admin keys only, audited.</summary>
public sealed class ApprovalEndpointsTests
{
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string OpsKey = "ops-key-0123456789abcdef";

    private static BurlyHttpFactory WithKeys() => new(new Dictionary<string, string?>
    {
        ["Burly:Http:ApiKeys"] = $"boss:{AdminKey}:admin,ops:{OpsKey}",
    });

    private static Approval Pending(BurlyHttpFactory factory) =>
        factory.Services.GetRequiredService<ApprovalStore>().Create("test_mutate", new string('a', 64), "'test_mutate' with target=web.", "apikey:ops");

    private static HttpRequestMessage Post(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    [Test]
    public async Task Approve_WithAdminKey_MarksApprovedAndAuditsWhoDecided()
    {
        using var factory = WithKeys();
        using var http = factory.CreateClient();
        var approval = Pending(factory);

        using var response = await http.SendAsync(Post($"/admin/approvals/{approval.Id}/approve", AdminKey));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(factory.Services.GetRequiredService<ApprovalStore>().Find(approval.Id)!.Status, Is.EqualTo(ApprovalStatus.Approved));
        var record = File.ReadAllLines(factory.AuditPath).Select(l => JsonDocument.Parse(l).RootElement).Last(r => r.GetProperty("event_type").GetString() == "approval");
        Assert.That(record.GetProperty("user_id").GetString(), Is.EqualTo("apikey:boss"));
        Assert.That(record.GetProperty("details").GetProperty("approval_id").GetString(), Is.EqualTo(approval.Id));
    }

    [Test]
    public async Task Reject_WithAdminKey_MarksRejected()
    {
        using var factory = WithKeys();
        using var http = factory.CreateClient();
        var approval = Pending(factory);

        using var response = await http.SendAsync(Post($"/admin/approvals/{approval.Id}/reject", AdminKey));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(factory.Services.GetRequiredService<ApprovalStore>().Find(approval.Id)!.Status, Is.EqualTo(ApprovalStatus.Rejected));
    }

    [Test]
    public async Task Approve_WithNonAdminKey_Returns403AndLeavesItPending()
    {
        using var factory = WithKeys();
        using var http = factory.CreateClient();
        var approval = Pending(factory);

        using var response = await http.SendAsync(Post($"/admin/approvals/{approval.Id}/approve", OpsKey));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("FORBIDDEN"));
        Assert.That(factory.Services.GetRequiredService<ApprovalStore>().Find(approval.Id)!.Status, Is.EqualTo(ApprovalStatus.Pending));
    }

    [Test]
    public async Task Approve_AnonymousOnLoopbackWithoutKeys_Returns403()
    {
        using var factory = new BurlyHttpFactory();
        using var http = factory.CreateClient();
        var approval = Pending(factory);

        using var response = await http.PostAsync(new Uri($"/admin/approvals/{approval.Id}/approve", UriKind.Relative), null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(factory.Services.GetRequiredService<ApprovalStore>().Find(approval.Id)!.Status, Is.EqualTo(ApprovalStatus.Pending));
    }

    [Test]
    public async Task Approve_UnknownId_Returns404()
    {
        using var factory = WithKeys();
        using var http = factory.CreateClient();

        using var response = await http.SendAsync(Post("/admin/approvals/apr_0000000000000000/approve", AdminKey));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task List_WithAdminKey_ShowsPendingApprovals()
    {
        using var factory = WithKeys();
        using var http = factory.CreateClient();
        var approval = Pending(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/approvals");
        request.Headers.Add("X-Api-Key", AdminKey);

        using var response = await http.SendAsync(request);

        var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("id").GetString());
        Assert.That(ids, Is.EqualTo(new[] { approval.Id }));
    }

    [Test]
    public async Task Approve_OwnRequestWithAdminKey_Returns403SeparationOfDuty()
    {
        using var factory = WithKeys();
        using var http = factory.CreateClient();
        var approval = factory.Services.GetRequiredService<ApprovalStore>().Create("test_mutate", new string('b', 64), "'test_mutate' with target=web.", "apikey:boss");

        using var response = await http.SendAsync(Post($"/admin/approvals/{approval.Id}/approve", AdminKey));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("FORBIDDEN"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("separation of duty"));
        Assert.That(factory.Services.GetRequiredService<ApprovalStore>().Find(approval.Id)!.Status, Is.EqualTo(ApprovalStatus.Pending));
    }

    [Test]
    public async Task List_WithLimit_ReturnsOnePageAndTheNextOffset()
    {
        using var factory = WithKeys();
        using var http = factory.CreateClient();
        var store = factory.Services.GetRequiredService<ApprovalStore>();
        store.Create("test_mutate", new string('a', 64), "first", "apikey:ops");
        store.Create("test_mutate", new string('c', 64), "second", "apikey:ops");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/approvals?limit=1");
        request.Headers.Add("X-Api-Key", AdminKey);

        using var response = await http.SendAsync(request);

        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(root.GetProperty("approvals").GetArrayLength(), Is.EqualTo(1));
        Assert.That(root.GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(root.GetProperty("next_offset").GetInt32(), Is.EqualTo(1));
    }
}
