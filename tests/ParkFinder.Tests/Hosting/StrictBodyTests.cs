using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// A body is read exactly as the route declares it: a misspelt field, a wrong type, a repeated key or
// text that is not text is a 400 naming the field in the API's words, and nothing stored changes.
// One app for the class (OneLandlordPark). Most tests change nothing (a refused body, an error answer);
// those that write keep to what no other test here reads (a lease file taken, the unit sent back as it was
// read, an investor's own lists), and each reads what it compares fresh.
public sealed class StrictBodyTests(OneLandlordPark shared) : IClassFixture<OneLandlordPark>
{
    private static HttpRequestMessage Raw(HttpMethod method, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Theory]
    [InlineData("""{"stauts":"available"}""", "unknown_field", "stauts", "is not a field of this body")]
    [InlineData("""{"availableFrom":"soon"}""", "invalid_parameter", "availableFrom", "must be a date, yyyy-MM-dd")]
    [InlineData("""{"area":"12"}""", "invalid_parameter", "area", "must be a number (a JSON number, not a string)")]
    [InlineData("""{"rent":{"amount":30,"unit":"CNY/m2/month","currency":"CNY"}}""", "unknown_field", "rent.currency", "is not a field of this body")]
    [InlineData("""{"tags":"wide"}""", "invalid_parameter", "tags", "must be an array")]
    [InlineData("""{"status":"reserved","status":"leased"}""", "duplicate_field", "status", "is given more than once (names are matched ignoring case)")]
    [InlineData("""{"rent":null,"RENT":"x"}""", "duplicate_field", "RENT", "is given more than once (names are matched ignoring case)")]
    [InlineData("""{"name":"a\ud800"}""", "invalid_parameter", "name", "is not valid text (a lone surrogate or invalid UTF-8)")]
    [InlineData("""{"name":"ok"} {"name":"again"}""", "invalid_json", "$", "has more after the JSON value")]
    public async Task APatchWithAFieldWeWouldHaveToGuessAtIsRefusedNamingItAndChangesNothing(string body, string code, string field, string message)
    {
        var landlord = shared.Landlord;
        var before = (await landlord.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!;

        var response = await landlord.SendAsync(Raw(HttpMethod.Patch, "/api/parks/park-a/units/u1", body, before["etag"]!.GetValue<string>()));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("System.", problem.ToString());

        var after = (await landlord.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!;
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task EveryRouteReadsItsBodyAlikeAndAReadUnitCanBeSentBackAsItIs()
    {
        var world = shared.World;
        var investor = world.Client(await world.TokenAsync("openid-investor"));
        var landlord = shared.Landlord;

        // A body bound by the route (a consult request) and one an operator imports: the same rules.
        var lead = await investor.SendAsync(Raw(HttpMethod.Post, "/api/parks/park-a/leads",
            """{"category":"office","name":"张三","phone":"13812345678","consent":true,"mesage":"hi"}"""));
        var leadProblem = await ProblemAssert.IsProblem(lead, HttpStatusCode.BadRequest, "unknown_field");
        Assert.True(leadProblem.GetProperty("errors").TryGetProperty("mesage", out _));
        Assert.Empty((await investor.GetJsonAsync("/api/me/leads"))["items"]!.AsArray());
        var alert = await investor.SendAsync(Raw(HttpMethod.Post, "/api/me/alerts", """{"query":"city=440300","query":"city=310000"}"""));
        await ProblemAssert.IsProblem(alert, HttpStatusCode.BadRequest, "duplicate_field");

        // What GET shows of a unit (computed figures included) goes back through PUT unchanged.
        var read = (await landlord.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!.AsObject();
        var put = await landlord.SendAsync(Raw(HttpMethod.Put, "/api/parks/park-a/units/u1", read.ToJsonString(), read["etag"]!.GetValue<string>()));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("image/png")]
    [InlineData("application/xml, text/html;q=0.9")]
    public async Task AnErrorIsAProblemDocumentWhateverTheClientAccepts(string accept)
    {
        var client = shared.World.Client();
        var cases = new (HttpRequestMessage Request, HttpStatusCode Status, string Code)[]
        {
            (Raw(HttpMethod.Post, "/api/auth/wechat", "{"), HttpStatusCode.BadRequest, "invalid_json"),
            (new HttpRequestMessage(HttpMethod.Get, "/api/parks//units"), HttpStatusCode.NotFound, "not_found"),
            (new HttpRequestMessage(HttpMethod.Get, "/api/no-such-route"), HttpStatusCode.NotFound, "not_found"),
            (new HttpRequestMessage(HttpMethod.Delete, "/api/parks"), HttpStatusCode.MethodNotAllowed, "method_not_allowed"),
            (new HttpRequestMessage(HttpMethod.Post, "/api/auth/wechat") { Content = new StringContent("code=x", Encoding.UTF8, "text/plain") },
                HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            (new HttpRequestMessage(HttpMethod.Get, "/api/parks?minArea=big"), HttpStatusCode.BadRequest, "invalid_parameter"),
            (new HttpRequestMessage(HttpMethod.Get, "/api/me/leads"), HttpStatusCode.Unauthorized, "unauthorized"),
        };
        foreach (var (request, status, code) in cases)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await client.SendAsync(request);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await ProblemAssert.IsProblem(response, status, code);
            if (code == "invalid_parameter") Assert.True(problem.GetProperty("errors").TryGetProperty("minArea", out _), problem.ToString());
        }
    }

    private static HttpRequestMessage Multipart(string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, "/api/parks/park-a/leases") { Content = content };
    }

    private const string Csv = "unit_id,tenant,area_m2,rent,start_date,end_date\r\nu1,甲公司,100,30,2026-01-01,2027-01-01\r\n";

    public static TheoryData<string, string, string> BrokenForms()
    {
        var part = $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\nContent-Type: text/csv\r\n\r\n{Csv}\r\n";
        var manyParts = string.Concat(Enumerable.Range(0, 2000).Select(i => $"--b\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n")) + "--b--\r\n";
        var longHeader = $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\nX-Pad: {new string('a', 17 * 1024)}\r\n\r\n{Csv}\r\n--b--\r\n";
        return new()
        {
            { "multipart/form-data", part + "--b--\r\n", "names no boundary" },
            { "multipart/form-data; boundary=b", longHeader, "a part header is longer than 16 KB" },
            { "multipart/form-data; boundary=b", manyParts, "more than 1,024 parts" },
            { "multipart/form-data; boundary=b", part[..(part.Length / 2)], "ends before its closing boundary" },  // cut short
            { "multipart/form-data; boundary=b", part, "ends before its closing boundary" },                       // no closing boundary
            { "multipart/form-data; boundary=zz", part + "--b--\r\n", "ends before its closing boundary" },        // none of the declared boundary
        };
    }

    [Theory]
    [MemberData(nameof(BrokenForms))]
    public async Task ABrokenMultipartUploadIsA400NamingTheProblemNotARetryableOutage(string contentType, string body, string reason)
    {
        var landlord = shared.Landlord;
        var response = await landlord.SendAsync(Multipart(contentType, Encoding.UTF8.GetBytes(body)));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_upload");
        Assert.False(response.Headers.Contains("Retry-After"));
        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.StartsWith("the multipart body is malformed: ", message);
        Assert.Contains(reason, message);

        // The same file, well formed, is taken.
        var good = $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\nContent-Type: text/csv\r\n\r\n{Csv}\r\n--b--\r\n";
        Assert.Equal(HttpStatusCode.Accepted, (await landlord.SendAsync(Multipart("multipart/form-data; boundary=b", Encoding.UTF8.GetBytes(good)))).StatusCode);
    }
}
