using System.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace RoleFerry.Api.Tests.Support;

/// <summary>
/// Real resume files made in the test: PDFs printed from HTML by Debian's chromium (as a browser's "Save as PDF"
/// does), an image-only PDF written with PdfPig's builder, a PDF encrypted by qpdf, and DOCX files written with the
/// Open XML SDK (headings styled Heading1, bullets as numbered list paragraphs, like Word's).
/// </summary>
public static class ResumeFiles
{
    /// <summary>A 1×1 PNG: the scanned "image" of an image-only PDF, stretched over the page.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static async Task<byte[]> PrintPdfAsync(string html)
    {
        var folder = Directory.CreateTempSubdirectory("roleferry-resume-");
        try
        {
            var input = Path.Combine(folder.FullName, "resume.html");
            var output = Path.Combine(folder.FullName, "resume.pdf");
            await File.WriteAllTextAsync(input, html);
            await RunAsync("/usr/bin/chromium",
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                $"--print-to-pdf={output}", new Uri(input).AbsoluteUri);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The PDF encrypted with AES-256 and a user password (qpdf).</summary>
    public static async Task<byte[]> EncryptAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("roleferry-resume-");
        try
        {
            var input = Path.Combine(folder.FullName, "plain.pdf");
            var output = Path.Combine(folder.FullName, "locked.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            await RunAsync("qpdf", "--encrypt", "open-sesame", "owner-secret", "256", "--", input, output);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A one-page PDF holding only an image, as a scanner makes it: no text layer.</summary>
    public static byte[] ImageOnlyPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddPng(Png, new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
        return builder.Build();
    }

    /// <summary>A DOCX: the name as Title, then each (heading, lines) section; lines starting with "• " become list items.</summary>
    public static byte[] Docx(string name, params (string Heading, string[] Lines)[] sections)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body(Paragraph(name, "Title"));
            foreach (var (heading, lines) in sections)
            {
                body.Append(Paragraph(heading, "Heading1"));
                foreach (var line in lines)
                {
                    if (line.StartsWith("• ", StringComparison.Ordinal))
                    {
                        var item = Paragraph(line[2..], "ListParagraph");
                        item.ParagraphProperties!.Append(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 }));
                        body.Append(item);
                    }
                    else
                    {
                        body.Append(Paragraph(line, null));
                    }
                }
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, string? style)
    {
        var paragraph = new Paragraph(new ParagraphProperties());
        if (style is not null)
        {
            paragraph.ParagraphProperties!.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }

        var parts = text.Split('\t');
        var run = new Run();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new TabChar());
            }

            run.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        paragraph.Append(run);
        return paragraph;
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await error}");
    }
}
