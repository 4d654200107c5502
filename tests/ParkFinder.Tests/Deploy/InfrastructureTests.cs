using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ParkFinder.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Deploy;

// infra/main.bicep: checked as text for what must hold, and compiled with the real Bicep CLI
// (the Azure.Bicep.CommandLine.linux-x64 package), whose ARM output is checked again.
public sealed partial class InfrastructureTests
{
    private static readonly string Infra = Path.Combine(Azurite.RepoRoot(), "infra");
    private static string Bicep => File.ReadAllText(Path.Combine(Infra, "main.bicep"));
    private static string AzureYaml => File.ReadAllText(Path.Combine(Azurite.RepoRoot(), "azure.yaml"));

    // The only roles the template may grant, all to the app's user-assigned identity.
    private static readonly Dictionary<string, string> AllowedRoles = new()
    {
        // Functions host blobs (keys, timer status, singleton leases), the deployment container, the app's containers.
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        // The app's tables.
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        // Read secrets, for the Key Vault references.
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
    };

    // App settings the app and the Functions host need in Azure.
    private static readonly string[] RequiredSettings =
    [
        // Identity-based host storage (plus __accountName or __blobServiceUri, checked separately).
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        // The app's storage through the managed identity: both endpoints, and which identity.
        "Storage__TableEndpoint", "Storage__BlobEndpoint", "AZURE_CLIENT_ID",
        "WeChat__AppId", "WeChat__AppSecret", "WeChat__AlertTemplateId", "WeChat__LeadTemplateId", "WeChat__LeadAnsweredTemplateId", "WeChat__StaleReminderTemplateId",
        "Auth__SigningKey",
        // The timer triggers' %Jobs:...:Schedule% expressions resolve from these.
        "Jobs__RecalculateTrends__Schedule", "Jobs__NotifyAlerts__Schedule", "Jobs__PurgeLeads__Schedule", "Jobs__RemindStaleAvailability__Schedule",
    ];

    // Deprecated on Flex Consumption (runtime and deployment come from functionAppConfig), or secrets.
    private static readonly string[] ForbiddenSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD",
        "APPINSIGHTS_INSTRUMENTATIONKEY", "AzureWebJobsStorage", "Storage__ConnectionString",
    ];

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    // An entry of siteConfig.appSettings: { name: 'X', value: ... }
    [GeneratedRegex(@"\{\s*name:\s*'([A-Za-z0-9_]+)',\s*value:")]
    private static partial Regex AppSetting();

    [GeneratedRegex(@"^var (\w+) = '([0-9a-fA-F-]{36})'", RegexOptions.Multiline)]
    private static partial Regex RoleVariable();

    [GeneratedRegex(@"roleDefinitionId:\s*subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions',\s*(\w+)\)")]
    private static partial Regex RoleReference();

    [Fact]
    public void TheTemplatesHoldNoSecret()
    {
        foreach (var file in Directory.GetFiles(Infra).Append(Path.Combine(Azurite.RepoRoot(), "azure.yaml")))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(@"AccountKey=|SharedAccessSignature|sig=|-----BEGIN", text);
            Assert.DoesNotMatch(@"[A-Za-z0-9+]{40,}|[A-Za-z0-9+/]{20,}==", text); // key-like base64
        }
        // Every secret-like parameter is @secure() and has no default.
        var lines = Bicep.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Regex.Match(lines[i], @"^param (\w+) string(.*)$");
            if (!match.Success || !Regex.IsMatch(match.Groups[1].Value, "secret|key|password", RegexOptions.IgnoreCase)) continue;
            var decorators = string.Join("\n", lines[Math.Max(0, i - 3)..i]);
            Assert.Contains("@secure()", decorators);
            Assert.DoesNotContain("=", match.Groups[2].Value);
        }
        Assert.Contains("allowSharedKeyAccess: false", Bicep);
    }

    [Fact]
    public void OnlyTheStorageDataRolesTheAppAndHostNeedAndSecretReadingAreGranted()
    {
        var bicep = Bicep;
        var roleIds = RoleVariable().Matches(bicep).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.ToLowerInvariant());
        var granted = RoleReference().Matches(bicep).Select(m => roleIds[m.Groups[1].Value]).ToList();
        Assert.Equal(AllowedRoles.Keys.Order(), granted.Order());
        Assert.Equal(AllowedRoles.Count, Regex.Matches(bicep, @"Microsoft\.Authorization/roleAssignments@").Count);
        // No other role id anywhere (Queue Data Contributor, Owner, Contributor, Storage Account Contributor...).
        Assert.All(Guid().Matches(bicep), m => Assert.Contains(m.Value.ToLowerInvariant(), AllowedRoles.Keys));
    }

    [Fact]
    public void EveryRequiredSettingIsSetAndSecretsAreKeyVaultReferences()
    {
        var bicep = Bicep;
        var settings = AppSetting().Matches(bicep).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(settings.Distinct().Count(), settings.Count);
        Assert.All(RequiredSettings, required => Assert.Contains(required, settings));
        Assert.Contains(settings, s => s is "AzureWebJobsStorage__accountName" or "AzureWebJobsStorage__blobServiceUri");
        Assert.All(ForbiddenSettings, forbidden => Assert.DoesNotContain(forbidden, settings));
        Assert.Matches(@"name: 'AzureWebJobsStorage__credential', value: 'managedidentity'", bicep);
        // Auth:AdminOpenIds is a string[]: one indexed setting per openid from the (possibly empty) parameter.
        Assert.Contains("name: 'Auth__AdminOpenIds__${i}'", bicep);
        foreach (var secret in new[] { "WeChat__AppSecret", "Auth__SigningKey" })
            Assert.Matches($@"name: '{secret}', value: '@Microsoft\.KeyVault\(SecretUri=", bicep);
        Assert.Contains("httpsOnly: true", bicep);
        Assert.Contains("minTlsVersion: '1.2'", bicep);
        Assert.Contains("minimumTlsVersion: 'TLS1_2'", bicep);
    }

    [Fact]
    public void TheAppIsAFlexConsumptionDotnetIsolatedAppThatAzdDeploys()
    {
        var bicep = Bicep;
        Assert.Matches(@"sku:\s*\{\s*name:\s*'FC1',\s*tier:\s*'FlexConsumption'\s*\}", bicep);
        Assert.Contains("kind: 'functionapp,linux'", bicep);
        Assert.Matches(@"runtime:\s*\{\s*name:\s*'dotnet-isolated'\s+version:\s*'10\.0'\s*\}", bicep);
        Assert.Matches(@"param instanceMemoryMB int = 2048\b", bicep);
        Assert.Matches(@"type:\s*'blobContainer'", bicep);
        Assert.Matches(@"type:\s*'UserAssignedIdentity'", bicep);
        Assert.Contains("'azd-service-name': 'api'", bicep);
        // Not the custom handler any more, nor the Linux Consumption plan's site properties.
        Assert.DoesNotMatch(@"(?i)'custom'|customHandler|custom handler|'Y1'|'Dynamic'", bicep);
        Assert.DoesNotMatch(@"linuxFxVersion\s*:|ftpsState\s*:", bicep);

        var yaml = AzureYaml;
        Assert.Matches(@"(?m)^services:\s*\n\s+api:\s*\n(\s+\w+:.*\n?){3}", yaml);
        Assert.Matches(@"(?m)^\s+project:\s*\.?/?functions/ParkFinder\.Functions/?\s*$", yaml);
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", yaml);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", yaml);
        Assert.DoesNotMatch(@"(?m)^hooks:|deploy\.sh|package\.sh", yaml);
    }

    [Fact]
    public async Task TheTemplateCompilesWithTheBicepCliWithoutErrorsOrWarnings()
    {
        var (exitCode, arm, diagnostics) = await RunBicep("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        // Errors fail the build; linter warnings only print (to stderr): neither is allowed.
        Assert.True(exitCode == 0 && diagnostics.Trim().Length == 0, $"bicep build exited {exitCode}:\n{diagnostics}");

        using var document = JsonDocument.Parse(arm);
        var root = document.RootElement;
        var resources = Resources(root).ToList();

        var plan = Assert.Single(resources, r => Type(r) == "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());

        var site = Assert.Single(resources, r => Type(r) == "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        var properties = site.GetProperty("properties");
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        var config = properties.GetProperty("functionAppConfig");
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        var deployment = config.GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", deployment.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", deployment.GetProperty("authentication").GetProperty("type").GetString());
        var scale = config.GetProperty("scaleAndConcurrency");
        Assert.Equal(2048, IntValue(root, scale.GetProperty("instanceMemoryMB")));
        Assert.InRange(IntValue(root, scale.GetProperty("maximumInstanceCount")), 40, 1000);

        // appSettings compiles to one concat(...) expression of createObject('name', 'X', 'value', ...).
        var appSettings = properties.GetProperty("siteConfig").GetProperty("appSettings").GetString()!;
        var settings = Regex.Matches(appSettings, @"createObject\('name', '([A-Za-z0-9_]+)'").Select(m => m.Groups[1].Value).ToList();
        Assert.All(RequiredSettings, required => Assert.Contains(required, settings));
        Assert.All(ForbiddenSettings, forbidden => Assert.DoesNotContain(forbidden, settings));

        // Every role assignment resolves (through the template's variables) to an allowed role, each once.
        var granted = resources.Where(r => Type(r) == "Microsoft.Authorization/roleAssignments")
            .Select(r => r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!)
            .Select(id => Regex.Match(id, @"variables\('(\w+)'\)").Groups[1].Value)
            .Select(variable => root.GetProperty("variables").GetProperty(variable).GetString()!.ToLowerInvariant())
            .ToList();
        Assert.Equal(AllowedRoles.Keys.Order(), granted.Order());
    }

    // The app creates its tables and containers at start: every one of them must be provisioned too.
    [Fact]
    public async Task TheProvisionedTablesAndContainersAreTheOnesTheAppUses()
    {
        await using var factory = new ApiFactory();
        await factory.StartAsync();
        var storage = factory.Services.GetRequiredService<StorageAccount>();
        var tables = await storage.TableService.QueryAsync(Azure.Data.Tables.TableServiceClient.CreateQueryFilter($"TableName ge {factory.Prefix} and TableName lt {factory.Prefix + "~"}"))
            .Select(t => t.Name[factory.Prefix.Length..]).ToListAsync();
        var containers = await storage.BlobService.GetBlobContainersAsync(prefix: factory.Prefix.ToLowerInvariant())
            .Select(c => c.Name[factory.Prefix.Length..]).ToListAsync();
        Assert.True(tables.Count >= 13, string.Join(", ", tables));
        Assert.True(containers.Count >= 3, string.Join(", ", containers));
        foreach (var name in tables.Concat(containers)) Assert.Contains($"'{name}'", Bicep);
    }


    // languageVersion 2.0 templates (symbolic names) keep resources in an object, older ones in an array.
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
    }

    private static string? Type(JsonElement resource) => resource.GetProperty("type").GetString();

    // A literal, or "[parameters('x')]" resolved to that parameter's default.
    private static int IntValue(JsonElement template, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number) return value.GetInt32();
        var parameter = Regex.Match(value.GetString() ?? "", @"^\[parameters\('(\w+)'\)\]$");
        Assert.True(parameter.Success, $"not a literal or a parameter: {value}");
        return template.GetProperty("parameters").GetProperty(parameter.Groups[1].Value).GetProperty("defaultValue").GetInt32();
    }

    // The Bicep CLI: $BICEP_PATH, else the path the test project records from the
    // Azure.Bicep.CommandLine.linux-x64 package ([assembly: AssemblyMetadata("BicepPath", ...)]),
    // else a `bicep` copied next to the test assembly.
    private static string BicepCli()
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("BICEP_PATH"),
            typeof(InfrastructureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BicepPath")?.Value,
            Path.Combine(AppContext.BaseDirectory, "bicep"),
        ];
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path))
            ?? throw new InvalidOperationException(
                "No Bicep CLI found (tried: " + string.Join(", ", candidates.Where(c => !string.IsNullOrEmpty(c))) + "). "
                + "Restore the test project (it references Azure.Bicep.CommandLine.linux-x64) or set BICEP_PATH.");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunBicep(params string[] arguments)
    {
        var start = new ProcessStartInfo(BicepCli())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep " + string.Join(' ', arguments) + " took over 2 minutes");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
