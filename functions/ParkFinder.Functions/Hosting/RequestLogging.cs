namespace ParkFinder.Functions.Hosting;

// The log category of the one line per request (method, route template, status, duration): never
// the query string, which can carry codes, nor headers with keys or tokens.
public sealed partial class RequestLogging
{
    // Source-generated: no template parsing and no boxing per request, at thousands of requests a second.
    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {Status} in {ElapsedMs:0.0} ms")]
    public static partial void Responded(ILogger logger, string method, string route, int status, double elapsedMs);
}
