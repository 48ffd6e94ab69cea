namespace RoleFerry.Grains.Email;

/// <summary>
/// Tells whether System.Net.Mail has started to write a message's content. <see cref="System.Net.Mail.SmtpClient"/>
/// reads the body streams only after the server accepted DATA, and a server takes a message only at the end of
/// its content; so a failure with no reply while this is false cannot have delivered the message.
/// </summary>
internal sealed class ContentSentProbe
{
    private int _started;

    public bool Started => Volatile.Read(ref _started) == 1;

    public void MarkStarted() => Volatile.Write(ref _started, 1);

    /// <summary>A readable stream over <paramref name="content"/> that marks this probe when first read.</summary>
    public Stream Watch(byte[] content) => new ProbedContentStream(content, this);
}
