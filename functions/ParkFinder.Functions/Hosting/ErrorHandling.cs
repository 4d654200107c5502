using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ParkFinder.Functions.Hosting;

// Turns every exception into a problem: bad requests into 400/413, storage outages into 503 with
// Retry-After, anything else into a 500 that tells nothing about the internals.
public sealed class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> logger)
{
    public async Task WriteAsync(HttpContext context, Exception exception)
    {
        var (status, code, title, detail) = Classify(exception, context);
        if (status == 503)
        {
            context.Response.Headers.RetryAfter = "5";
            logger.LogWarning("Storage unavailable: {Reason}", StorageFailure.Describe(exception));
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception");
        }

        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = Problems.TypeFor(status) };
        problem.Extensions["code"] = code;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (int, string, string, string?) Classify(Exception exception, HttpContext context) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } => (413, "payload_too_large", "The request body is too large.", null),
        BadHttpRequestException { InnerException: JsonException } => (400, "invalid_json", "The request body is not valid JSON for this operation.", exception.InnerException.Message),
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 400 ? "bad_request" : Problems.CodeFor(bad.StatusCode), "The request is malformed.", bad.Message),
        JsonException json => (400, "invalid_json", "The request body is not valid JSON for this operation.", json.Message),
        // A body a reader cannot take apart (a multipart form without its boundary, a part header too long, too many parts).
        InvalidDataException => (400, "bad_request", "The request body is malformed.", exception.Message),
        // Storage refusing a key or value we let through: the caller's input, not our outage.
        Azure.RequestFailedException { Status: 400 } => (400, "invalid_parameter", "The request has a value storage cannot hold.", null),
        // A storage answer no handler expected still means the same to the caller as it does to us.
        Azure.RequestFailedException { Status: 404 } => (404, "not_found", "Not found.", "It was removed meanwhile."),
        Azure.RequestFailedException { Status: 409 } => (409, "conflict", "It changed meanwhile.", "Read it again and retry."),
        Azure.RequestFailedException { Status: 412 } => (412, "etag_mismatch", "It changed meanwhile.", "Read it again and retry."),
        Azure.RequestFailedException { Status: 413 } => (413, "payload_too_large", "The request body is too large.", null),
        _ when StorageFailure.IsUnavailable(exception) && !context.RequestAborted.IsCancellationRequested =>
            (503, "storage_unavailable", "Storage is unavailable; try again shortly.", null),
        _ => (500, "internal_error", "An unexpected error occurred.", null),
    };
}

public static class ErrorHandling
{

    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Extensions.TryAdd("code", Problems.CodeFor(status));
            ctx.ProblemDetails.Type ??= Problems.TypeFor(status);
            // A trace id lets support find the log line; the exception itself never reaches the client.
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            ctx.ProblemDetails.Extensions.Remove("exception");
        });
        // After the default writer: whatever the client's Accept names, an error is still a problem document.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemWriterOfLastResort>());
        services.AddSingleton<ExceptionToProblem>();
        return services;
    }
}

// The default writer only writes when Accept allows JSON; a client asking for text/csv (the export)
// that gets an error must still get the problem, as application/problem+json, not an empty 500.
public sealed class ProblemWriterOfLastResort(Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        context.ProblemDetails.Status ??= http.Response.StatusCode;
        context.ProblemDetails.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(context.ProblemDetails.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        // Its own type: a validation problem keeps its `errors`.
        return new ValueTask(http.Response.WriteAsJsonAsync(context.ProblemDetails, context.ProblemDetails.GetType(),
            options: null, contentType: "application/problem+json", http.RequestAborted));
    }
}
