using ParkFinder.Api.WeChat;

namespace ParkFinder.Api.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WeChatOptions>().BindConfiguration("WeChat").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BearerTokens>();
        services.AddHttpClient<WeChatClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WeChatOptions>>().Value;
            http.BaseAddress = new Uri(options.BaseAddress.AbsoluteUri.TrimEnd('/') + "/");
            http.Timeout = Timeout.InfiniteTimeSpan; // each call has its own timeout
        });
        return services;
    }
}
