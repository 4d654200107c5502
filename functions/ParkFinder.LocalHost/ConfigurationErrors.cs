namespace ParkFinder.LocalHost;

// The settings that failed validation at start (one or several options classes), or none when the
// exception is something else.
public static class ConfigurationErrors
{
    public static List<string> Of(Exception ex) => ex switch
    {
        Microsoft.Extensions.Options.OptionsValidationException o => o.Failures.ToList(),
        // A value of the wrong type (Health__RefreshSeconds=abc) fails while binding, before validation.
        InvalidOperationException { Message: var m } when m.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [m],
        AggregateException a when a.InnerExceptions.All(i => Of(i).Count > 0) => a.InnerExceptions.SelectMany(Of).ToList(),
        _ => [],
    };
}
