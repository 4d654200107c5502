using ParkFinder.Functions.Auth;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.WeChat;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Leads;

// Consent: the investor agrees that the park receives their name and phone number (PIPL); required.
public sealed record LeadRequest(string? Category, string? Name, string? Phone, string? Message, string? SpaceType, double? Area, bool? Consent);

// Status: new -> contacted -> visited -> won | lost, moved by the park's landlords; FirstResponseAt is
// when it first left new; Overdue: still new 24 hours after it was sent.
public sealed record Lead(string Id, string ParkId, string Category, string Name, string Phone, string? Message, string? SpaceType, double? Area,
    DateTimeOffset CreatedAt, string ContentCheck, string Status = LeadStatus.New, string? Note = null, DateTimeOffset? FirstResponseAt = null,
    bool Overdue = false, string? Etag = null, string? LandlordNotice = null, string? InvestorNotice = null);

// What each role sees of a consult request, declared here once. The park's landlords and operators
// see the whole Lead (the note, the ETag they move it with, how the messages went); the investor who
// sent it sees what they sent and where it stands, nothing the park keeps for itself.
public sealed record MyLead(string Id, string ParkId, string Category, string Name, string Phone, string? Message, string? SpaceType, double? Area,
    DateTimeOffset CreatedAt, string Status, DateTimeOffset? FirstResponseAt)
{
    public static MyLead Of(Lead lead) => new(lead.Id, lead.ParkId, lead.Category, lead.Name, lead.Phone, lead.Message, lead.SpaceType, lead.Area,
        lead.CreatedAt, lead.Status, lead.FirstResponseAt);
}

public sealed record MyLeadsPage(IReadOnlyList<MyLead> Items, string? NextCursor);

public sealed record LeadMove(string? Status, string? Note = null);

public static class LeadStatus
{
    public const string New = "new", Contacted = "contacted", Visited = "visited", Won = "won", Lost = "lost";

    public static readonly string[] All = [New, Contacted, Visited, Won, Lost];

    // The sales pipeline (API.md): forward one step; won also from contacted (signed without a visit);
    // lost from any open state (spam, declined); won and lost are final.
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (New, Contacted) or (Contacted, Visited) or (Visited, Won) or (Contacted, Won) => true,
        (New or Contacted or Visited, Lost) => true,
        _ => false,
    };
}

public sealed record LeadsPage(IReadOnlyList<Lead> Items, string? NextCursor);

// What GET /api/parks/{parkId}/leads reads (bound to the handler's parameters; described here for OpenAPI).
public static class LeadsQuery
{
    public static readonly QueryParameterSpec[] Specs = Paging.Specs;
}

// What GET /api/parks/{parkId}/leads reads besides paging.
public static class ParkLeadsQuery
{
    public static readonly QueryParameterSpec[] Specs =
    [
        .. LeadsQuery.Specs,
        new("overdue", "boolean", "Only requests still new 24 hours after they were sent."),
    ];
}

// Consult requests (立即咨询): investors send them, the park's landlords read them newest first.
// Leads table: PartitionKey = park id, RowKey = inverted time + id, so a partition reads newest first.
public static partial class LeadsApi
{
    // As on a district investment site: 企业政策, 人才政策, 厂房仓库, 写字楼租售, 土地, 注册, 其他.
    public static readonly string[] Categories = ["policy", "talent", "factory-warehouse", "office", "land", "registration", "other"];

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();

    // What sending a consult request works with, bound as one parameter ([AsParameters]).
    public sealed record SendServices(IParkIndex Index, UserStore Users, WeChatClient WeChat, LeadStore Store, LeadNotifier Notifier, TimeProvider Time);

    [HttpEndpoint("CreateLead", "post", "parks/{parkId}/leads"), RequireSignedIn, RateLimit(RateLimits.Leads)]
    [EndpointSummary("Send a consult request (立即咨询) to a park")]
    [Tags("Leads")]
    [ProblemResponse(401, "unauthorized (the account behind the token is gone)")]
    [ProblemResponse(422, "content_rejected (WeChat content security)")]
    [ProblemResponse(409, "duplicate_request (the same park and category within 24 hours; leadId names it)")]
    public static async Task<Results<Created<MyLead>, ProblemHttpResult>> CreateLead(string parkId, LeadRequest request, HttpContext context, CurrentUser user,
        [AsParameters] SendServices services, CancellationToken cancellationToken)
    {
        var (index, users, wechat, store, notifier, time) = services;
        var errors = new Dictionary<string, string[]>();
        if (request.Category is null || !Categories.Contains(request.Category)) errors["category"] = ["must be one of " + string.Join(", ", Categories)];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 50) errors["name"] = ["is required, at most 50 characters"];
        if (request.Phone is null || !PhonePattern().IsMatch(request.Phone.Trim())) errors["phone"] = ["must be a mainland mobile (13812345678) or landline (0755-12345678) number"];
        if (request.Message is { Length: > 1000 }) errors["message"] = ["at most 1000 characters"];
        if (request.SpaceType is not null && !SpaceTypes.TryParseApi(request.SpaceType, out _))
            errors["spaceType"] = ["must be land, factory, warehouse or office"];
        if (request.Area is { } a && !(a > 0 && a <= 10_000_000)) errors["area"] = ["must be > 0"];
        if (request.Consent != true) errors["consent"] = ["must be true: the park receives your name and phone number only with your consent"];
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (!index.Contains(parkId)) return Problems.ParkNotFound(parkId);

        // A message WeChat only sends to review is accepted and marked so for the landlord.
        var check = await ContentSecurity.CheckWithReviewAsync(context, users, wechat, [$"{request.Name}\n{request.Message}"], ContentSecurity.CommentScene,
            acceptReview: true, cancellationToken);
        if (check.Problem is { } rejected) return rejected;

        var now = time.GetUtcNow();
        var id = Guid.NewGuid().ToString("N")[..12];
        // The same investor, park and category within 24 hours is one request.
        if (await store.ClaimAsync(user.Id, parkId, request.Category!, id, now, cancellationToken) is { } existing)
        {
            var duplicate = Problems.Create(409, "duplicate_request", "You already asked this park about this.",
                "A request to the same park in the same category within 24 hours is the same request; follow it in GET /api/me/leads.");
            duplicate.ProblemDetails.Extensions["leadId"] = existing;
            return duplicate;
        }
        var lead = new Lead(id, parkId, request.Category!, request.Name!.Trim(), request.Phone!.Trim(), request.Message?.Trim(), request.SpaceType, request.Area,
            now, check.Review ? "review" : "pass");
        lead = await store.AddAsync(lead, user.Id, cancellationToken);
        // The request is stored whatever becomes of the message; how it went is recorded on it.
        lead = await notifier.NotifyLandlordsAndRecordAsync(lead, store, cancellationToken);
        return TypedResults.Created($"/api/parks/{parkId}/leads/{id}", MyLead.Of(lead));
    }

    [HttpEndpoint("ListLeads", "get", "parks/{parkId}/leads"), RequireLandlordOfPark, ReadsPersonalData]
    [EndpointSummary("A park's consult requests, newest first")]
    [Tags("Leads"), QueryParameters(typeof(ParkLeadsQuery))]
    public static async Task<Results<Ok<LeadsPage>, ProblemHttpResult>> ListLeads(string parkId, int? limit, string? cursor, bool? overdue, LeadStore store,
        CancellationToken cancellationToken)
    {
        return await PageAsync(limit, cursor, (size, token) => store.PageAsync(parkId, size, token, overdue == true, cancellationToken));
    }

    // Every request of the park as a CSV file that Excel opens in Chinese: UTF-8 with a byte-order mark,
    // categories, space types and statuses by their Chinese names (as in the WeChat messages).
    [HttpEndpoint("ExportLeads", "get", "parks/{parkId}/leads/export"), RequireLandlordOfPark, ReadsPersonalData]
    [EndpointSummary("Export the park's consult requests as CSV (UTF-8 with BOM, for Excel)")]
    [Tags("Leads"), Microsoft.AspNetCore.Mvc.ProducesResponseType(typeof(string), 200, "text/csv")]
    public static async Task<IResult> ExportLeads(string parkId, LeadStore store, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("时间,类别,姓名,电话,留言,空间类型,面积(㎡),状态,首次响应,备注\r\n");
        string? token = null;
        do
        {
            var (items, next) = await store.PageAsync(parkId, 1000, token, overdueOnly: false, cancellationToken);
            foreach (var l in items)
                csv.AppendJoin(',', new[] { l.CreatedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm"), LeadLabels.Category(l.Category), l.Name, l.Phone,
                    l.Message, SpaceTypes.TryParse(l.SpaceType, out var type) ? type.ToChinese() : l.SpaceType,
                    l.Area?.ToString(System.Globalization.CultureInfo.InvariantCulture), LeadLabels.Status(l.Status),
                    l.FirstResponseAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm"), l.Note }.Select(CsvField)).Append("\r\n");
            token = next;
        } while (token is not null);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"leads-{parkId}.csv");
    }

    // Quoted when it holds a comma, quote or line break; a leading = + - @ is defused so Excel shows it as text.
    private static string CsvField(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    // What moving a request works with, bound as one parameter ([AsParameters]).
    public sealed record MoveServices(LeadStore Store, LeadNotifier Notifier);

    // A landlord moves a request along its lifecycle, naming the version they read (If-Match).
    [HttpEndpoint("MoveLead", "patch", "parks/{parkId}/leads/{leadId}"), RequireLandlordOfPark, RequireIfMatch("the request")]
    [EndpointSummary("Move a consult request: new -> contacted -> visited -> won, won from contacted, lost from any open state (If-Match required)")]
    [Tags("Leads")]
    [ProblemResponse(400, "invalid_transition"), ProblemResponse(404, "lead_not_found")]
    public static async Task<Results<Ok<Lead>, ProblemHttpResult>> MoveLead(string parkId, string leadId, LeadMove move, HttpContext context, [AsParameters] MoveServices services, CancellationToken cancellationToken)
    {
        var (store, notifier) = services;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (move.Note is { Length: > 500 }) return Problems.Invalid("note", "at most 500 characters");
        // A status of the pipeline that cannot be reached from here (back to new included) is a transition problem below.
        if (move.Status is null || !LeadStatus.All.Contains(move.Status))
            return Problems.Invalid("status", "must be contacted, visited, won or lost");
        var current = await store.FindAsync(parkId, leadId, cancellationToken);
        if (current is null) return Problems.NotFound("lead_not_found", $"Park '{Problems.Short(parkId)}' has no consult request '{Problems.Short(leadId)}'.");
        if (ifMatch != "*" && ifMatch != current.Etag)
            return Problems.EtagMismatch("the request");
        if (!LeadStatus.CanMove(current.Status, move.Status))
            return Problems.Invalid("status", $"cannot move from {current.Status} to {move.Status} (new -> contacted -> visited -> won; won also from contacted; lost from any open state; won and lost are final)", "invalid_transition");
        var moved = await store.TryMoveAsync(current, move.Status, move.Note?.Trim(), cancellationToken);
        if (moved is null) return Problems.EtagMismatch("the request");
        // The park's first answer: the investor hears of it (recorded on the version just written, so the ETag returned stays current).
        if (current.Status == LeadStatus.New) moved = await notifier.NotifyInvestorAndRecordAsync(moved, store, cancellationToken);
        context.Response.Headers.ETag = moved.Etag;
        return TypedResults.Ok(moved);
    }

    // The investor's own consult requests across parks, as the investor sees them (MyLead; their own phone number included: it is theirs).
    [HttpEndpoint("ListMyLeads", "get", "me/leads"), RequireSignedIn]
    [EndpointSummary("My consult requests, newest first")]
    [Tags("Leads"), QueryParameters(typeof(LeadsQuery))]
    public static async Task<Results<Ok<MyLeadsPage>, ProblemHttpResult>> ListMine(int? limit, string? cursor, CurrentUser user, LeadStore store,
        CancellationToken cancellationToken)
    {
        return await Paging.ReadAsync(limit, cursor, async (size, token) =>
        {
            var (items, next) = await store.PageOfInvestorAsync(user.Id, size, token, cancellationToken);
            return (items.Select(MyLead.Of).ToList(), next);
        }, (items, next) => new MyLeadsPage(items, next));
    }

    private static Task<Results<Ok<LeadsPage>, ProblemHttpResult>> PageAsync(int? limit, string? cursor,
        Func<int, string?, Task<(List<Lead> Items, string? Next)>> fetch) =>
        Paging.ReadAsync(limit, cursor, fetch, (items, next) => new LeadsPage(items, next));
}
