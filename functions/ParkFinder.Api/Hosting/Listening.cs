namespace ParkFinder.Api.Hosting;

public static class Listening
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    // Under the Functions host the app must listen where FUNCTIONS_CUSTOMHANDLER_PORT says;
    // on its own it uses the configured URLs, or the Functions default port.
    public static WebApplicationBuilder ConfigureListening(this WebApplicationBuilder builder)
    {
        var port = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
        if (!string.IsNullOrEmpty(port))
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);
        return builder;
    }

    public static bool UnderFunctionsHost => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT"));
}
