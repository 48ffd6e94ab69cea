using CsvHelper;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// A CSV of postings with the header <c>title,company,companyDomain,location,url,description</c> (any order, any
/// case; more columns are ignored). A row without companyDomain takes the domain of its url when that is the
/// company's own site. Source "csv".
/// </summary>
public static class CsvFeed
{
    public static readonly string[] Header = ["title", "company", "companyDomain", "location", "url", "description"];

    /// <summary>The rows, or null when the header lacks a column (named in <paramref name="missing"/>).</summary>
    public static IReadOnlyList<ImportRow>? Read(string text, out string[] missing)
    {
        var options = new CsvReaderOptions
        {
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var csv = CsvReader.FromText(text, options);
        csv.ReadHeader();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in Header)
        {
            if (csv.TryGetFieldIndex(name, out var index))
            {
                columns[name] = index;
            }
        }

        missing = Header.Where(h => !columns.ContainsKey(h)).ToArray();
        if (missing.Length > 0)
        {
            return null;
        }

        var rows = new List<ImportRow>();
        var number = 0;
        while (csv.Read())
        {
            number++;
            string? Field(string name) => csv.GetStringOrNull(columns[name]) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            var url = Field("url");
            var location = Field("location");
            rows.Add(ImportRow.Of(number, new JobDraft(
                "csv",
                null,
                Field("title"),
                Field("company"),
                Field("companyDomain") ?? CompanyDomains.FromUrl(url),
                location,
                location?.Contains("remote", StringComparison.OrdinalIgnoreCase) ?? false,
                null,
                Field("description"),
                null,
                null,
                null,
                null,
                url,
                null)));
        }

        return rows;
    }
}
