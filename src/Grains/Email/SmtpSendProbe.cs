using MailKit;

namespace RoleFerry.Grains.Email;

/// <summary>
/// How far one SMTP transaction got, as the client saw it. <see cref="SenderAccepted"/>: the server accepted
/// MAIL FROM (set by <see cref="ProbingSmtpClient"/>). <see cref="ContentStarted"/>: the client started to write
/// the message content after the server accepted DATA (MailKit reports written bytes through
/// <see cref="ITransferProgress"/>, and only while sending the content). A server takes a message only at the
/// final dot, which follows the content; so a failure with no reply while <see cref="ContentStarted"/> is false
/// cannot have delivered the message, and one while it is true may have.
/// </summary>
internal sealed class SmtpSendProbe : ITransferProgress
{
    private int _senderAccepted;
    private int _contentStarted;

    public bool SenderAccepted => Volatile.Read(ref _senderAccepted) == 1;

    public bool ContentStarted => Volatile.Read(ref _contentStarted) == 1;

    public void MarkSenderAccepted() => Volatile.Write(ref _senderAccepted, 1);

    public void Report(long bytesTransferred, long totalSize) => MarkContentStarted();

    public void Report(long bytesTransferred) => MarkContentStarted();

    private void MarkContentStarted() => Volatile.Write(ref _contentStarted, 1);
}
