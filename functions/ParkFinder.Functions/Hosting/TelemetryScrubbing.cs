using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace ParkFinder.Functions.Hosting;

// Telemetry never carries a query string: WeChat's jscode2session takes the AppSecret and the
// user's login code in its query, and our own routes take codes and cursors there.
public sealed class QueryStringScrubber : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        switch (telemetry)
        {
            case DependencyTelemetry dependency:
                dependency.Data = WithoutQuery(dependency.Data);
                dependency.Name = WithoutQuery(dependency.Name);
                break;
            case RequestTelemetry request when request.Url is { } url:
                request.Url = new Uri(url.GetLeftPart(UriPartial.Path));
                break;
        }
    }

    public static string? WithoutQuery(string? text) => text?.IndexOf('?') is int q && q >= 0 ? text[..q] : text;
}
