namespace ParkFinder.Functions.Hosting;

// The log category of the one line per request (method, route template, status, duration): never
// the query string, which can carry codes, nor headers with keys or tokens.
public sealed class RequestLogging;
