using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ParkFinder.Functions.Hosting;

// RFC 9457 problems with a stable machine "code" the mini-program can switch on.
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeFor(status) };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, string code = "invalid_parameter", string? detail = null)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = 400,
            Title = "The request has invalid parameters.",
            Detail = detail ?? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}.")),
            Type = TypeFor(400),
        };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Invalid(string parameter, string message, string code = "invalid_parameter") =>
        Invalid(new Dictionary<string, string[]> { [parameter] = [message] }, code);

    public static ProblemHttpResult NotFound(string code, string detail) => Create(404, code, "Not found.", detail);

    // The version named in If-Match is not the stored one (RequireIfMatch).
    public static ProblemHttpResult EtagMismatch(string resource) =>
        Create(412, "etag_mismatch", $"{Capitalised(resource)} changed since you read it.", "Read it again and reapply your change with its new ETag.");

    public static ProblemHttpResult EtagRequired(string resource) =>
        Create(428, "etag_required", "If-Match is required.", $"Send {resource}'s ETag (as last read) in If-Match to change it.");

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static ProblemHttpResult ParkNotFound(string parkId) => NotFound("park_not_found", $"No park has the id '{Short(parkId)}'.");

    // What a caller sent, as a problem quotes it: at most 40 characters. A problem never echoes a long value
    // back (a 40,000-character field came back twice, in errors and detail, 200 KB to a phone on mobile data).
    public static string Short(string? text)
    {
        const int Max = 40;
        if (text is null || text.Length <= Max) return text ?? "";
        var cut = char.IsHighSurrogate(text[Max - 1]) ? Max - 1 : Max; // never half a character
        return text[..cut] + "…";
    }

    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        428 => "https://tools.ietf.org/html/rfc6585#section-3",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    // The code for a bare status (unknown route, wrong method, ...), when nobody set one.
    public static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        409 => "conflict",
        412 => "etag_mismatch",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        428 => "etag_required",
        429 => "rate_limited",
        503 => "service_unavailable",
        _ => status >= 500 ? "internal_error" : "error",
    };
}
