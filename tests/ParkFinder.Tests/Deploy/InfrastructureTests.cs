using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using ParkFinder.Api.Auth;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Trends;
using ParkFinder.Api.WeChat;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Deploy;

// No Bicep compiler runs here, so the templates are checked as text for what must hold.
public sealed partial class InfrastructureTests
{
    private static readonly string Infra = Path.Combine(Azurite.RepoRoot(), "infra");
    private static string Bicep => File.ReadAllText(Path.Combine(Infra, "main.bicep"));

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"name:\s*'([A-Za-z0-9_]+)'")]
    private static partial Regex SettingName();

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
    public void OnlyTheTwoStorageDataRolesAndSecretReadingAreGranted()
    {
        var allowed = new Dictionary<string, string>
        {
            ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
            ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
            ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User (read secrets, for Key Vault references)",
        };
        var granted = Guid().Matches(Bicep).Select(m => m.Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(allowed.Keys.ToHashSet(), granted);
        Assert.Equal(3, Regex.Matches(Bicep, @"Microsoft\.Authorization/roleAssignments@").Count);
        Assert.DoesNotContain("Owner", Bicep);
    }

    [Fact]
    public void EveryRequiredSettingTheAppReadsIsSetAndSecretsAreKeyVaultReferences()
    {
        var settings = SettingName().Matches(Bicep).Select(m => m.Groups[1].Value).ToHashSet();
        var required = new List<string>();
        foreach (var (type, section) in new (Type, string)[] { (typeof(AuthOptions), "Auth"), (typeof(WeChatOptions), "WeChat"), (typeof(TrendJobOptions), "Jobs__RecalculateTrends") })
        {
            foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null))
                required.Add($"{section}__{property.Name}");
        }
        // Managed identity instead of a connection string: both endpoints, and the identity to use.
        required.AddRange(["Storage__TableEndpoint", "Storage__BlobEndpoint", "AZURE_CLIENT_ID", "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage__accountName"]);
        // WeChat:BaseAddress is required but defaults to WeChat's real address.
        Assert.DoesNotContain(required, r => !settings.Contains(r) && r != "WeChat__BaseAddress");
        Assert.DoesNotContain("Storage__ConnectionString", settings);
        foreach (var secret in new[] { "WeChat__AppSecret", "Auth__SigningKey" })
            Assert.Matches($@"name: '{secret}', value: '@Microsoft\.KeyVault\(SecretUri=", Bicep);
        Assert.Contains("httpsOnly: true", Bicep);
        Assert.Contains("minTlsVersion: '1.2'", Bicep);
        Assert.Contains("minimumTlsVersion: 'TLS1_2'", Bicep);
        Assert.Contains("'custom'", Bicep);
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

}
