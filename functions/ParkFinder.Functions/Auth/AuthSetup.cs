using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.WeChat;

namespace ParkFinder.Functions.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WeChatOptions>().BindConfiguration("WeChat").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BearerTokens>();
        // One client per instance: it holds the shared access token. Pooled connections are recycled
        // so DNS changes on WeChat's side are picked up.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WeChatOptions>>();
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri(options.Value.BaseAddress.AbsoluteUri.TrimEnd('/') + "/"),
                Timeout = Timeout.InfiniteTimeSpan, // each call has its own timeout
            };
            return new WeChatClient(http, options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WeChatClient>>());
        });
        return services;
    }
}
