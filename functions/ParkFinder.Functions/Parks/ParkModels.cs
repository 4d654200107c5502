namespace ParkFinder.Functions.Parks;

public sealed record Region(string Code, string Name);

public sealed record Policy(string Category, string Title, string? Summary);

public sealed record Contact(string? Hotline, string? Name);

public sealed record Rating(double? Stars, Dictionary<string, double>? Scores);

// A park as operators import it and as it is stored (API.md: the shape of GET /api/parks/{id},
// without the computed fields, which an import ignores).
[Hosting.ReadOnlyFields("spaceTypes", "availableArea", "vacancyRate", "rent", "unitsSummary", "staleUnits", "tracks", "chains", "externalScores",
    "responsiveness", "distanceKm")]
public sealed class Park
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public Region City { get; set; } = new("", "");
    public Region District { get; set; } = new("", "");
    public double Lat { get; set; }
    public double Lng { get; set; }
    public string[] Industries { get; set; } = [];
    public int? Stars { get; set; }
    public string? Address { get; set; }
    public string? Description { get; set; }
    public string[] Tags { get; set; } = [];
    public Policy[] Policies { get; set; } = [];
    public string[] Facilities { get; set; } = [];
    public Contact? Contact { get; set; }
    public Rating? Rating { get; set; }
    public double? TotalArea { get; set; }
    public DateTimeOffset? LastConfirmedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Unit>? Units { get; set; }
    // Not a Parks column: the park's enterprises, lease mix and external scores, attached when the
    // index loads (Ecosystem/EcosystemStore) and carried in the catalog snapshot.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ParkEcosystemData? Ecosystem { get; set; }
    // Import only: when present, the park's enterprises become exactly these (operators import them with parks).
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<EnterpriseInput>? Enterprises { get; set; }

    // The same park under another id or with other units (a snapshot carries its units; the alert
    // matcher indexes one unit as a park of its own).
    public Park Copy(string? id = null, List<Unit>? units = null) => new()
    {
        Id = id ?? Id, Name = Name, City = City, District = District, Lat = Lat, Lng = Lng, Industries = Industries, Stars = Stars,
        Address = Address, Description = Description, Tags = Tags, Policies = Policies, Facilities = Facilities, Contact = Contact,
        Rating = Rating, TotalArea = TotalArea, LastConfirmedAt = LastConfirmedAt, UpdatedAt = UpdatedAt, Units = units ?? Units,
        Ecosystem = Ecosystem,
    };
}

// A unit as written and stored; what only its read view computes is ignored when sent back.
[Hosting.ReadOnlyFields("stale", "lastConfirmedAt")]
public sealed class Unit
{
    public string Id { get; set; } = "";
    public string SpaceType { get; set; } = "";
    public string? Name { get; set; }
    public string? Floor { get; set; }
    public double Area { get; set; }
    public Rent? Rent { get; set; }
    public string Status { get; set; } = "available";
    public DateOnly? AvailableFrom { get; set; }
    public double? CeilingHeightM { get; set; }
    public double? FloorLoadTPerM2 { get; set; }
    public double? PowerKva { get; set; }
    public string[] Tags { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
    public string? ETag { get; set; }

    // A shallow copy to change (Tags is replaced, never changed in place).
    public Unit Copy() => (Unit)MemberwiseClone();

    // Available units are the vacant space on offer and confirmed lately; reserved and leased ones
    // are not, nor stale ones (API.md: availability kept fresh).
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsAvailable => Status == "available" && !Stale;

    // On offer, but neither the unit nor its park's availability confirmed within Search:StaleAfterDays
    // (Units/Freshness sets it when the unit is read for the index or the API; never stored).
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Stale { get; set; }

    // When the landlord last vouched for it: its own update or the park's confirmation, whichever is later.
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? LastConfirmedAt { get; set; }

    // Vacant space is every unit not leased: reserved units count as vacant, not as available (API.md).
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsVacant => Status != "leased";

    // The asking rent of an available unit, in CNY/m²/month whatever unit it is quoted in.
    [System.Text.Json.Serialization.JsonIgnore]
    public double? AskingMonthlyPerM2 => IsAvailable && Rent is { } r ? Rents.MonthlyPerM2(r.Amount, r.Unit, Area) : null;
}

public sealed record UnitView(string Id, string SpaceType, string? Name, string? Floor, double Area, RentView? Rent, string Status,
    DateOnly? AvailableFrom, double? CeilingHeightM, double? FloorLoadTPerM2, double? PowerKva, string[] Tags, DateTimeOffset UpdatedAt, string? Etag,
    bool Stale = false, DateTimeOffset? LastConfirmedAt = null)
{
    public static UnitView Of(Unit u) => new(u.Id, u.SpaceType, u.Name, u.Floor, Hosting.Shown.Area(u.Area), u.Rent is null ? null : RentView.Of(u.Rent, u.Area),
        u.Status, u.AvailableFrom, u.CeilingHeightM, u.FloorLoadTPerM2, u.PowerKva, u.Tags, u.UpdatedAt, u.ETag, u.Stale, u.LastConfirmedAt ?? u.UpdatedAt);
}

public sealed record UnitsSummary(string SpaceType, int Units, int AvailableUnits, double TotalArea, double AvailableArea, RentRange AskingRent);
