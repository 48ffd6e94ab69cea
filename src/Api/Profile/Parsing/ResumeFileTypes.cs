using System.Text;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Tells a PDF (<c>%PDF-</c> in the first KiB) from a DOCX (a ZIP holding <c>word/document.xml</c>) by content,
/// never by the name alone. A file that claims to be one of them (by name or content type) and is not is damaged
/// (422); an encrypted Word document (an OLE container with an <c>EncryptionInfo</c> stream) says so; anything
/// else is unsupported (415).
/// </summary>
public static class ResumeFileTypes
{
    public const string PdfContentType = "application/pdf";
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] DocumentXml = "word/document.xml"u8.ToArray();
    private static readonly byte[] EncryptionInfo = Encoding.Unicode.GetBytes("EncryptionInfo");

    public static ResumeFileType Detect(ReadOnlySpan<byte> content, string fileName, string? contentType)
    {
        if (content[..Math.Min(content.Length, 1024)].IndexOf(PdfMagic) >= 0)
        {
            return ResumeFileType.Pdf;
        }

        if (content.StartsWith(ZipMagic) && content.IndexOf(DocumentXml) >= 0)
        {
            return ResumeFileType.Docx;
        }

        if (content.StartsWith(OleMagic) && content.IndexOf(EncryptionInfo) >= 0)
        {
            throw new UnreadableResumeException("The Word document is encrypted (password-protected); upload a copy without a password.");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return extension is ".pdf" or ".docx" || type is PdfContentType or DocxContentType
            ? ResumeFileType.Damaged
            : ResumeFileType.Unsupported;
    }
}
