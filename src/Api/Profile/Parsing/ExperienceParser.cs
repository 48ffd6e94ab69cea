namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Reads the roles of an experience section. Its lines come in groups: header lines (short, not a sentence, or
/// carrying dates) then the role's bullets (list items, and sentences written as paragraphs). Each group is a role
/// whose dates are the date range of its header (<see cref="DateRanges"/>) and whose title and company are told
/// apart by <see cref="RoleHeaderParts"/>; a group whose header holds several date ranges is several roles at the
/// company named above the first one ("Acme ⏎ Senior Engineer 2021–now ⏎ Engineer 2019–2021").
/// </summary>
public static class ExperienceParser
{
    private const int MaxHeaderWords = 12;

    public static IReadOnlyList<ParsedRole> Parse(IReadOnlyList<ResumeLine> lines, List<string> looseBullets)
    {
        var roles = new List<ParsedRole>();
        var headers = new List<string>();
        var bullets = new List<string>();
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            if (IsHeader(line, text))
            {
                if (bullets.Count > 0)
                {
                    Close(headers, bullets, roles, looseBullets);
                }

                headers.Add(text);
            }
            else
            {
                bullets.Add(text);
            }
        }

        Close(headers, bullets, roles, looseBullets);
        return roles;
    }

    private static bool IsHeader(ResumeLine line, string text)
    {
        if (line.IsBullet)
        {
            return false;
        }

        if (DateRanges.Find(text) is not null)
        {
            return true;
        }

        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        return words <= MaxHeaderWords && !text.EndsWith('.') && !(text.Length > 0 && char.IsLower(text[0]));
    }

    private static void Close(List<string> headers, List<string> bullets, List<ParsedRole> roles, List<string> looseBullets)
    {
        if (headers.Count == 0)
        {
            looseBullets.AddRange(bullets);
        }
        else
        {
            var anchors = Enumerable.Range(0, headers.Count).Where(i => DateRanges.Find(headers[i]) is not null).ToList();
            if (anchors.Count <= 1)
            {
                AddRole(headers, anchors.Count == 1 ? DateRanges.Find(headers[anchors[0]]) : null, bullets, roles);
            }
            else
            {
                var context = headers.Take(anchors[0]).ToList();
                for (var k = 0; k < anchors.Count; k++)
                {
                    var end = k + 1 < anchors.Count ? anchors[k + 1] : headers.Count;
                    var own = headers.Skip(anchors[k]).Take(end - anchors[k]);
                    AddRole(context.Concat(own).ToList(), DateRanges.Find(headers[anchors[k]]), k == anchors.Count - 1 ? bullets : [], roles);
                }
            }
        }

        headers.Clear();
        bullets.Clear();
    }

    private static void AddRole(IReadOnlyList<string> headers, string? tenure, IReadOnlyList<string> bullets, List<ParsedRole> roles)
    {
        var (title, company) = RoleHeaderParts.Parse(headers);
        if (title is null && company is null)
        {
            return;
        }

        roles.Add(new ParsedRole(title ?? company!, title is null ? null : company, tenure, bullets.ToArray()));
    }
}
