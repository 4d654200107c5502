using ParkFinder.Storage;

namespace ParkFinder.Tests.Storage;

// Expected strings follow "Authorize with Shared Key" (Microsoft Learn): Shared Key Lite for the
// Table service and Shared Key for the Blob service, including its documented examples.
public sealed class SharedKeyStringToSignTests
{
    private const string Date = "Sun, 11 Oct 2009 21:49:13 GMT";

    [Fact]
    public void TableSharedKeyLiteIsDateNewlineAccountAndPath()
    {
        var uri = new Uri("https://myaccount.table.core.windows.net/mytable()?$filter=Name%20eq%20'x'&$top=5");
        Assert.Equal($"{Date}\n/myaccount/mytable()", TableSharedKeyPolicy.StringToSign(Date, "myaccount", uri));
    }

    [Fact]
    public void TableSharedKeyLiteKeepsOnlyTheCompParameter()
    {
        var uri = new Uri("https://myaccount.table.core.windows.net/mytable?comp=acl&timeout=30");
        Assert.Equal($"{Date}\n/myaccount/mytable?comp=acl", TableSharedKeyPolicy.StringToSign(Date, "myaccount", uri));
    }

    [Fact]
    public void TableSharedKeyLiteOnAPathStyleEmulatorUrlRepeatsTheAccount()
    {
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/Tables");
        Assert.Equal($"{Date}\n/devstoreaccount1/devstoreaccount1/Tables", TableSharedKeyPolicy.StringToSign(Date, "devstoreaccount1", uri));
    }

    [Fact]
    public void BlobSharedKeyMatchesTheDocumentedContainerMetadataExample()
    {
        var headers = new Dictionary<string, string> { ["x-ms-date"] = Date, ["x-ms-version"] = "2009-09-19" };
        var uri = new Uri("http://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=metadata&timeout=20");
        var expected = "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
                       $"x-ms-date:{Date}\nx-ms-version:2009-09-19\n" +
                       "/myaccount/mycontainer\ncomp:metadata\nrestype:container\ntimeout:20";
        Assert.Equal(expected, BlobSharedKeyPolicy.StringToSign("GET", headers, 0, "myaccount", uri));
    }

    [Fact]
    public void BlobSharedKeyPutsStandardHeadersInTheirSlotsAndSortsMsHeaders()
    {
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = "text/csv",
            ["if-none-match"] = "*",
            ["x-ms-version"] = "2021-12-02",
            ["x-ms-blob-type"] = "BlockBlob",
            ["x-ms-date"] = Date,
            ["x-ms-meta-parkid"] = "p-1",
        };
        var uri = new Uri("http://127.0.0.1:10000/devstoreaccount1/leases/p-1/a%20b.csv");
        var expected = "PUT\n\n\n11\n\ntext/csv\n\n\n\n*\n\n\n" +
                       $"x-ms-blob-type:BlockBlob\nx-ms-date:{Date}\nx-ms-meta-parkid:p-1\nx-ms-version:2021-12-02\n" +
                       "/devstoreaccount1/devstoreaccount1/leases/p-1/a%20b.csv";
        Assert.Equal(expected, BlobSharedKeyPolicy.StringToSign("PUT", headers, 11, "devstoreaccount1", uri));
    }

    [Fact]
    public void BlobSharedKeyJoinsRepeatedQueryValuesAndDecodesThem()
    {
        var headers = new Dictionary<string, string> { ["x-ms-date"] = Date };
        var uri = new Uri("https://myaccount.blob.core.windows.net/c?restype=container&comp=list&prefix=in%2Fa&include=metadata&include=deleted");
        var expected = "GET\n\n\n\n\n\n\n\n\n\n\n\n" + $"x-ms-date:{Date}\n" +
                       "/myaccount/c\ncomp:list\ninclude:deleted,metadata\nprefix:in/a\nrestype:container";
        Assert.Equal(expected, BlobSharedKeyPolicy.StringToSign("GET", headers, 0, "myaccount", uri));
    }

    [Fact]
    public void DevelopmentStorageConnectionStringPointsAtAzuriteDefaults()
    {
        var c = StorageConnection.FromConnectionString("UseDevelopmentStorage=true");
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", c.TableEndpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", c.BlobEndpoint.AbsoluteUri);
        Assert.Equal("devstoreaccount1", c.SharedKey!.Name);
    }

    [Fact]
    public void AccountConnectionStringBuildsEndpointsFromTheSuffix()
    {
        var c = StorageConnection.FromConnectionString("DefaultEndpointsProtocol=https;AccountName=pf;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal("https://pf.table.core.chinacloudapi.cn/", c.TableEndpoint.AbsoluteUri);
        Assert.Equal("https://pf.blob.core.chinacloudapi.cn/", c.BlobEndpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("AccountName=pf")]
    [InlineData("garbage")]
    public void IncompleteConnectionStringIsAClearError(string value)
    {
        Assert.Throws<FormatException>(() => StorageConnection.FromConnectionString(value));
    }
}
