using ParkFinder.Functions.Auth;
using ParkFinder.Functions.Alerts;
using ParkFinder.Functions.DemoData;
using ParkFinder.Functions.Favorites;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Landlords;
using ParkFinder.Functions.Leads;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Trends;
using ParkFinder.Functions.Units;

namespace ParkFinder.Functions;

// Everything the functions need, registered the same way by the Functions worker and the local host.
public static class AppServices
{
    public static IServiceCollection AddParkFinder(this IServiceCollection services)
    {
        services.AddErrorHandling();
        // Bodies bind as JsonBodies reads them (strict numbers, no unknown or repeated fields), and the OpenAPI document types numbers as numbers only.
        services.ConfigureHttpJsonOptions(o => JsonBodies.Configure(o.SerializerOptions));
        services.AddAppStorage();
        services.AddAuth();
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimits>();
        services.AddSingleton<FunctionGuard>();
        services.AddSingleton<RootServices>();
        services.AddOptions<HealthOptions>().BindConfiguration("Health").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StorageHealth>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageHealth>());
        services.AddSingleton(TimeProvider.System);
        services.AddStore<UserStore>();
        services.AddStore<AccessLog.AccessLogStore>();
        services.AddSingleton<IOperatorAccessLog>(sp => sp.GetRequiredService<AccessLog.AccessLogStore>());
        services.AddStore<InviteStore>();
        services.AddStore<ParkStore>();
        services.AddStore<UnitStore>();
        services.AddStore<Units.UnitHistoryStore>();
        services.AddStore<IndexSnapshots>();
        services.AddStore<LeadStore>();
        services.AddStore<FavoriteStore>();
        services.AddStore<AlertStore>();
        services.AddStore<JobLocks>();
        services.AddStore<LeaseStore>();
        services.AddStore<TrendStore>();
        services.AddStore<TrendJobState>();
        services.AddStore<AvailabilityEvents>();
        services.AddStore<Ecosystem.EnterpriseStore>();
        services.AddStore<Ecosystem.EcosystemStore>();
        services.AddSingleton<ParkIndexHolder>();
        services.AddSingleton<IParkIndex>(sp => sp.GetRequiredService<ParkIndexHolder>());
        services.AddSingleton<IIndexReadiness>(sp => sp.GetRequiredService<ParkIndexHolder>());
        services.AddSingleton<Ecosystem.IEcosystemIndex>(sp => sp.GetRequiredService<ParkIndexHolder>());
        services.AddSingleton<Catalog.CatalogImport>();
        services.AddSingleton<Auth.SubscribeMessages>();
        services.AddSingleton<Leads.LeadNotifier>();
        services.AddSingleton<Leads.ResponsivenessCache>();
        // Search:StaleAfterDays is the units' freshness rule; the setting keeps the name it was documented with.
        services.AddOptions<Units.FreshnessOptions>().BindConfiguration("Search").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration("Search").ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<ParkIndexRefresher>();
        services.AddHostedService<DemoDataLoader>();
        services.AddSingleton<Leases.LeaseFileProcessor>();
        services.AddSingleton<TrendJob>();
        services.AddJobOptions<TrendJobOptions>(TrendJob.Name);
        services.AddSingleton<AlertJob>();
        services.AddJobOptions<AlertJobOptions>(AlertJob.Name);
        services.AddSingleton<Leads.LeadRetentionJob>();
        services.AddJobOptions<Leads.LeadRetentionOptions>(Leads.LeadRetentionJob.Name);
        services.AddStore<Units.ReminderStore>();
        services.AddStore<Scorecards.ScorecardStore>();
        services.AddSingleton<Units.StaleReminderJob>();
        services.AddJobOptions<Units.StaleReminderOptions>(Units.StaleReminderJob.Name);
        return services;
    }
}
