using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ParkFinder.Api.Hosting;

namespace ParkFinder.Api.Auth;

public sealed class AuthOptions
{
    // Accepted in X-Admin-Key on admin routes; unset means the header is refused.
    [MinLength(16)]
    public string? AdminApiKey { get; set; }
}

public static class AdminAuth
{
    public const string HeaderName = "X-Admin-Key";

    public static IServiceCollection AddAuthOptions(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth").ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    // Every admin route goes through this filter: 401 without valid credentials.
    public static RouteGroupBuilder RequireAdmin(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
            var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
            if (presented.Length > 0 && options.AdminApiKey is { Length: > 0 } key && FixedTimeEquals(presented, key))
                return await next(context);
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Create(401, "unauthorized", "Admin credentials are required.",
                presented.Length > 0 ? "The admin key is not valid." : $"Send an admin token or the {HeaderName} header.");
        });
        return group;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
