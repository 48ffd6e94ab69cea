using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RoleFerry.Api.Documents;

/// <summary>
/// Word documents (Open XML SDK) of an application: a resume version (name, contact line, summary, skills, each
/// role with its bullets as a real bulleted list, highlights, education) and a cover letter (name, contact line,
/// the letter's paragraphs). The styles (Title, Heading1, Heading2, ListBullet) are defined in the document, so
/// Word shows them as such.
/// </summary>
public static class WordDocuments
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int BulletNumbering = 1;

    public static string FileName(string fullName, string kind, string company)
    {
        var name = $"{fullName} - {kind} - {company}.docx";
        return new string(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '-' : c).ToArray());
    }

    public static byte[] Resume(ApplicationDocumentsContext context, ResumeVersionResponse version) => Build(body =>
    {
        Header(body, context);
        if (version.Summary.Length > 0)
        {
            body.Append(Paragraph("Summary", "Heading1"), Paragraph(version.Summary));
        }

        if (version.Skills.Count > 0)
        {
            body.Append(Paragraph("Skills", "Heading1"), Paragraph(string.Join(", ", version.Skills)));
        }

        if (version.Roles.Count > 0)
        {
            body.Append(Paragraph("Experience", "Heading1"));
            foreach (var role in version.Roles)
            {
                var heading = string.Join(" — ", new[] { role.Title, role.Company }.Where(t => !string.IsNullOrWhiteSpace(t)));
                body.Append(Paragraph(heading, "Heading2"));
                if (!string.IsNullOrWhiteSpace(role.Tenure))
                {
                    body.Append(Paragraph(role.Tenure, italic: true));
                }

                foreach (var bullet in role.Bullets)
                {
                    body.Append(Bullet(bullet));
                }
            }
        }

        if (version.Highlights.Count > 0)
        {
            body.Append(Paragraph("Highlights", "Heading1"));
            body.Append(version.Highlights.Select(Bullet).ToArray<OpenXmlElement>());
        }

        var education = context.Resume?.Education ?? [];
        if (education.Count > 0)
        {
            body.Append(Paragraph("Education", "Heading1"));
            foreach (var school in education)
            {
                body.Append(Paragraph(string.Join(", ", new[] { school.Degree, school.School, school.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                    .Where(t => !string.IsNullOrWhiteSpace(t)))));
            }
        }
    });

    public static byte[] CoverLetter(ApplicationDocumentsContext context, string letter) => Build(body =>
    {
        Header(body, context);
        foreach (var paragraph in letter.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var lines = paragraph.Split('\n');
            var p = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "200" }));
            var run = new Run();
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    run.Append(new Break());
                }

                run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            }

            p.Append(run);
            body.Append(p);
        }
    });

    private static void Header(Body body, ApplicationDocumentsContext context) =>
        body.Append(Paragraph(context.FullName, "Title"), Paragraph(ContactLine.From(context.Resume?.RawText, context.Email)));

    private static byte[] Build(Action<Body> write)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Numbering();
            var body = new Body();
            write(body);
            body.Append(new SectionProperties(new PageMargin { Top = 1080, Bottom = 1080, Left = 1080, Right = 1080 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, string? style = null, bool italic = false)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (italic)
        {
            run.PrependChild(new RunProperties(new Italic()));
        }

        paragraph.Append(run);
        return paragraph;
    }

    private static Paragraph Bullet(string text) => new(
        new ParagraphProperties(
            new ParagraphStyleId { Val = "ListBullet" },
            new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = BulletNumbering })),
        new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Styles Styles() => new(
        new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
            new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" }, new FontSize { Val = "22" }))),
        Style("Normal", "Normal", null, null, false),
        Style("Title", "Title", "40", "240", true),
        Style("Heading1", "heading 1", "28", "120", true),
        Style("Heading2", "heading 2", "24", "40", true),
        Style("ListBullet", "List Bullet", null, "40", false));

    private static Style Style(string id, string name, string? size, string? spaceAfter, bool bold)
    {
        var run = new StyleRunProperties();
        if (bold)
        {
            run.Append(new Bold());
        }

        if (size is not null)
        {
            run.Append(new FontSize { Val = size });
        }

        var style = new Style(new StyleName { Val = name }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = id };
        if (id != "Normal")
        {
            style.Append(new BasedOn { Val = "Normal" });
        }

        if (spaceAfter is not null)
        {
            style.Append(new StyleParagraphProperties(new SpacingBetweenLines { After = spaceAfter }));
        }

        style.Append(run);
        return style;
    }

    private static Numbering Numbering() => new(
        new AbstractNum(
            new Level(
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" })) { LevelIndex = 0 })
        { AbstractNumberId = 1 },
        new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletNumbering });
}
