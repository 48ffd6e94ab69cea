using RoleFerry.Grains.Email;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// Follow-ups thread under the first email (API.md, DESIGN §6): a step after the first carries
/// <c>In-Reply-To: &lt;previous step&gt;</c> and <c>References: &lt;step 1&gt; &lt;step 2&gt; ...</c>, and one whose template
/// subject is empty goes out as <c>Re: </c> + step 1's subject (as step 1 went out). Pure.
/// </summary>
public static class FollowUpThread
{
    public const string ReplyPrefix = "Re: ";

    /// <summary>The subject of step <paramref name="stepNo"/>: its own (rendered), or <c>Re: </c> + step 1's when it has none.</summary>
    public static string Subject(int stepNo, string? templateSubject, IReadOnlyList<EarlierStep> earlier, Func<string?, string> render, string? firstTemplateSubject)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (stepNo == 1 || !string.IsNullOrWhiteSpace(templateSubject))
        {
            return render(templateSubject ?? "");
        }

        var first = earlier.FirstOrDefault(s => s.StepNo == 1)?.Subject is { Length: > 0 } sent ? sent : render(firstTemplateSubject ?? "");
        return first.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? first : ReplyPrefix + first;
    }

    /// <summary>
    /// <paramref name="email"/> in the thread of <paramref name="earlier"/> (In-Reply-To and References); without
    /// Reply-To when RoleFerry reads the sending mailbox (replies come to it, and are relayed to the user).
    /// </summary>
    public static OutgoingEmail Apply(OutgoingEmail email, IReadOnlyList<EarlierStep> earlier, bool repliesReadByRoleFerry)
    {
        ArgumentNullException.ThrowIfNull(email);
        var headers = new Dictionary<string, string>(email.Headers, StringComparer.OrdinalIgnoreCase);
        if (earlier.Count > 0)
        {
            headers[EmailHeaders.InReplyTo] = $"<{earlier[^1].MessageId}>";
            headers[EmailHeaders.References] = string.Join(' ', earlier.Select(s => $"<{s.MessageId}>"));
        }

        return email with
        {
            Headers = headers,
            ReplyToAddress = repliesReadByRoleFerry ? null : email.ReplyToAddress,
            ReplyToName = repliesReadByRoleFerry ? null : email.ReplyToName,
        };
    }
}
