using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Api.Mailboxes;

/// <summary>
/// PATCH /api/admin/mailboxes/{id}: any field of POST but <c>email</c> (a new address is a new mailbox); a field
/// left out is unchanged. <c>imapHost: null</c> (or "") stops RoleFerry reading the mailbox. The record documents
/// the body; <see cref="ReadAsync"/> reads it, telling a field left out from one set to null.
/// </summary>
public sealed record PatchMailboxRequest(
    string? Domain,
    string? SmtpHost,
    int? SmtpPort,
    string? SmtpUsername,
    string? SmtpPassword,
    bool? UseTls,
    int? DailyCap,
    bool? WarmupEnabled,
    int? MinGapSeconds,
    string? ImapHost,
    int? ImapPort,
    string? ImapUsername,
    string? ImapPassword,
    bool? ImapUseTls)
{
    /// <summary>The change the body asks for; null with <paramref name="errors"/> filled when it is not valid.</summary>
    public static async Task<MailboxSettingsChange?> ReadAsync(HttpRequest request, ValidationErrors errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            errors.Add("body", $"The body must be a JSON object: {e.Message}");
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object.");
            return null;
        }

        var fields = body.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
        if (fields.ContainsKey("email"))
        {
            errors.Add("email", "email cannot be changed: a new address is a new mailbox.");
        }

        var removeImap = fields.TryGetValue("imapHost", out var imapHostValue)
            && (imapHostValue.ValueKind == JsonValueKind.Null || (imapHostValue.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(imapHostValue.GetString())));
        var change = new MailboxSettingsChange(
            Domain: Text(fields, "domain", 253, errors, required: true),
            SmtpHost: Text(fields, "smtpHost", 253, errors, required: true),
            SmtpPort: Number(fields, "smtpPort", 1, 65_535, errors),
            SmtpUsername: Text(fields, "smtpUsername", 320, errors, required: false),
            SmtpPassword: Text(fields, "smtpPassword", 1000, errors, required: false, trim: false),
            UseTls: Flag(fields, "useTls", errors),
            DailyCap: Number(fields, "dailyCap", 1, 100_000, errors),
            WarmupEnabled: Flag(fields, "warmupEnabled", errors),
            MinGapSeconds: Number(fields, "minGapSeconds", 0, 86_400, errors),
            ImapHost: removeImap ? null : Text(fields, "imapHost", 253, errors, required: true),
            ImapPort: Number(fields, "imapPort", 1, 65_535, errors),
            ImapUsername: Text(fields, "imapUsername", 320, errors, required: false),
            ImapPassword: Text(fields, "imapPassword", 1000, errors, required: false, trim: false),
            ImapUseTls: Flag(fields, "imapUseTls", errors),
            RemoveImap: removeImap);
        if (change.Domain is { } domain && !MailboxDomainRules.IsValid(domain))
        {
            errors.Add("domain", "domain must be a domain name such as mail.example.com.");
        }

        return errors.IsEmpty ? change : null;
    }

    private static string? Text(Dictionary<string, JsonElement> fields, string name, int maxLength, ValidationErrors errors, bool required, bool trim = true)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, $"{name} must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(name, $"{name} must not be empty.");
            return null;
        }

        errors.MaxLength(text, name, maxLength);
        return trim ? text.Trim() : text;
    }

    private static int? Number(Dictionary<string, JsonElement> fields, string name, int min, int max, ValidationErrors errors)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            errors.Add(name, $"{name} must be a whole number {min}..{max}.");
            return null;
        }

        return number;
    }

    private static bool? Flag(Dictionary<string, JsonElement> fields, string name, ValidationErrors errors)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(name, $"{name} must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }
}
