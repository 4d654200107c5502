using Azure;
using ParkFinder.Storage;
using ParkFinder.Storage.Tables;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Storage;

public sealed class TableClientTests
{
    private static async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(Azurite.Connection).GetTableClient(Azurite.UniqueName("t"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task CreatingAnExistingTableIsNotAnError()
    {
        var table = await NewTableAsync();
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        Assert.NotNull(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task EveryPropertyTypeRoundTrips()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 11, 21, 8, 30, 15, 123, TimeSpan.FromHours(8));
        var id = Guid.NewGuid();
        var entity = new TableEntity("440300", "p-szsec")
        {
            ["Name"] = "深圳湾 'quote' 🏭",
            ["Active"] = true,
            ["Units"] = 42,
            ["Big"] = 9007199254740993L,
            ["Rent"] = 4.5,
            ["WholeDouble"] = 3.0,
            ["Updated"] = when,
            ["Id"] = id,
            ["Blob"] = new byte[] { 0, 1, 2, 254, 255 },
        };
        var etag = await table.AddEntityAsync(entity);
        Assert.NotEqual(default, etag);

        var got = await table.GetEntityAsync("440300", "p-szsec");
        Assert.Equal("深圳湾 'quote' 🏭", got.GetString("Name"));
        Assert.True(got.GetBoolean("Active"));
        Assert.Equal(42, got.GetInt32("Units"));
        Assert.Equal(9007199254740993L, got.GetInt64("Big"));
        Assert.Equal(4.5, got.GetDouble("Rent"));
        Assert.Equal(3.0, got.GetDouble("WholeDouble"));
        Assert.Equal(when, got.GetDateTimeOffset("Updated"));
        Assert.Equal(id, got.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, got.GetBinary("Blob"));
        Assert.Equal(etag, got.ETag);
        Assert.NotNull(got.Timestamp);
    }

    [Fact]
    public async Task MissingEntityIsNullForIfExistsAnd404Otherwise()
    {
        var table = await NewTableAsync();
        Assert.Null(await table.GetEntityIfExistsAsync("p", "nope"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "nope"));
        Assert.Equal(404, ex.Status);
        Assert.Equal("ResourceNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task AddingAnExistingEntityFailsWith409()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }));
        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r")).GetInt32("V"));
    }

    [Fact]
    public async Task StaleIfMatchGets412AndChangesNothing()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var second = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first, TableUpdateMode.Replace);
        Assert.NotEqual(first, second);

        var update = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, first, TableUpdateMode.Replace));
        Assert.Equal(412, update.Status);
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", first));
        Assert.Equal(412, delete.Status);

        var stored = await table.GetEntityAsync("p", "r");
        Assert.Equal(2, stored.GetInt32("V"));
        Assert.Equal(second, stored.ETag);

        await table.DeleteEntityAsync("p", "r", second);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task UpsertMergeKeepsOtherPropertiesAndReplaceDropsThem()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync("p", "r");
        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync("p", "r");
        Assert.Null(replaced.GetString("A"));
        Assert.Equal("c", replaced.GetString("C"));
    }

    [Fact]
    public async Task UpdatingAMissingEntityFailsWith404()
    {
        var table = await NewTableAsync();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "gone"), ETag.All));
        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task QueryOver2500EntitiesPagesThroughContinuationTokensAndReturnsEachOnce()
    {
        var table = await NewTableAsync();
        for (var p = 0; p < 5; p++)
        {
            var partition = $"part{p}";
            for (var batch = 0; batch < 5; batch++)
                await table.SubmitTransactionAsync(Enumerable.Range(batch * 100, 100).Select(i =>
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, i.ToString("D4")) { ["N"] = i })));
        }

        var pages = 0;
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await table.QueryPageAsync(null, 1000, null, token);
            pages++;
            seen.AddRange(page.Items.Select(e => e.PartitionKey + "/" + e.RowKey));
            token = page.ContinuationToken;
        } while (token is not null);

        Assert.True(pages >= 3, $"expected at least 3 pages, got {pages}");
        Assert.Equal(2500, seen.Count);
        Assert.Equal(2500, seen.Distinct().Count());

        var streamed = await table.QueryAsync(TableQueryFilter.Create($"N ge {400}"), maxPerPage: 300).CountAsync();
        Assert.Equal(5 * 100, streamed);
    }

    [Fact]
    public async Task SelectReturnsOnlyTheNamedProperties()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });
        var got = await table.QueryAsync(select: ["A"]).SingleAsync();
        Assert.Equal("a", got.GetString("A"));
        Assert.False(got.ContainsKey("B"));
    }

    [Fact]
    public async Task TransactionWithOneFailingOperationAppliesNone()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["V"] = "original" });
        await table.AddEntityAsync(new TableEntity("p", "other") { ["V"] = "original" });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync([
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "other") { ["V"] = "changed" }),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists")),
            new(TableTransactionActionType.Add, new TableEntity("p", "new2")),
        ]));
        Assert.Equal(409, ex.Status);

        var rows = await table.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {"p"}")).ToListAsync();
        Assert.Equal(["exists", "other"], rows.Select(r => r.RowKey).Order());
        Assert.All(rows, r => Assert.Equal("original", r.GetString("V")));
    }

    [Fact]
    public async Task TransactionAppliesEveryKindOfAction()
    {
        var table = await NewTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("p", "upd") { ["V"] = 1, ["Keep"] = "k" });
        await table.AddEntityAsync(new TableEntity("p", "del"));

        await table.SubmitTransactionAsync([
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["V"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "upd") { ["V"] = 2 }, etag),
            new(TableTransactionActionType.Delete, new TableEntity("p", "del")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "ups") { ["V"] = 3 }),
        ]);

        var rows = await table.QueryAsync().ToDictionaryAsync(e => e.RowKey);
        Assert.Equal(["add", "upd", "ups"], rows.Keys.Order());
        Assert.Equal(2, rows["upd"].GetInt32("V"));
        Assert.Equal("k", rows["upd"].GetString("Keep"));
    }

    [Fact]
    public async Task TransactionRefusesMixedPartitionsAndMoreThan100Actions()
    {
        var table = await NewTableAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([
            new(TableTransactionActionType.Add, new TableEntity("a", "1")),
            new(TableTransactionActionType.Add, new TableEntity("b", "1")),
        ]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", i.ToString())))));
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Theory]
    [InlineData("'or 1 eq 1")]
    [InlineData("x' or PartitionKey ne 'x")]
    [InlineData("深圳湾 'quote' 🏭")]
    [InlineData("''")]
    [InlineData("a%20b&$top=1")]
    public async Task FilterFromHostileValueMatchesOnlyTheIntendedEntity(string value)
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "target") { ["Name"] = value });
        await table.AddEntityAsync(new TableEntity("p", "other") { ["Name"] = "other" });
        await table.AddEntityAsync(new TableEntity("p", "prefix") { ["Name"] = value + "x" });

        var matches = await table.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {"p"} and Name eq {value}")).ToListAsync();
        Assert.Equal("target", Assert.Single(matches).RowKey);
        Assert.Equal(value, matches[0].GetString("Name"));
    }

    [Fact]
    public async Task KeysWithQuotesChineseAndEmojiRoundTrip()
    {
        var table = await NewTableAsync();
        const string pk = "园区 'A' 🏭";
        const string rk = "单元 1' (东)";
        await table.AddEntityAsync(new TableEntity(pk, rk) { ["V"] = 1 });
        var got = await table.GetEntityAsync(pk, rk);
        Assert.Equal((pk, rk), (got.PartitionKey, got.RowKey));
        var etag = await table.UpdateEntityAsync(new TableEntity(pk, rk) { ["V"] = 2 }, got.ETag);
        await table.DeleteEntityAsync(pk, rk, etag);
        Assert.Null(await table.GetEntityIfExistsAsync(pk, rk));
    }

    [Fact]
    public async Task TypedFilterLiteralsMatchInt64DateTimeAndGuid()
    {
        var table = await NewTableAsync();
        var id = Guid.NewGuid();
        var when = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await table.AddEntityAsync(new TableEntity("p", "a") { ["Big"] = 9007199254740993L, ["When"] = when, ["Id"] = id, ["Rent"] = 2.5 });
        await table.AddEntityAsync(new TableEntity("p", "b") { ["Big"] = 1L, ["When"] = when.AddDays(1), ["Id"] = Guid.NewGuid(), ["Rent"] = 1.0 });

        async Task<string> One(FormattableString f) => Assert.Single(await table.QueryAsync(TableQueryFilter.Create(f)).ToListAsync()).RowKey;
        Assert.Equal("a", await One($"Big eq {9007199254740993L}"));
        Assert.Equal("b", await One($"When gt {when}"));
        Assert.Equal("a", await One($"Id eq {id}"));
        Assert.Equal("a", await One($"Rent gt {2.0}"));
    }

    [Fact]
    public async Task WrongKeyGets403WithAClearError()
    {
        var good = Azurite.ConnectionString;
        var bad = good.Replace(StorageConnection.DevelopmentAccountKey, Convert.ToBase64String(new byte[64]));
        var table = new TableServiceClient(StorageConnection.FromConnectionString(bad)).GetTableClient(Azurite.UniqueName("t"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());
        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthorizationFailure", ex.ErrorCode);
    }
}
