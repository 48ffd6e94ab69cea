namespace RoleFerry.Grains.Tests.Email;

/// <summary>What a <see cref="ScriptedSmtpServer"/> does with its scripted transaction.</summary>
public enum ScriptedSmtpBehavior
{
    /// <summary>Accepts the first connection and never says a word.</summary>
    Silent,

    /// <summary>Hangs up on the MAIL FROM command without answering it.</summary>
    HangUpAtMailFrom,

    /// <summary>Speaks SMTP up to the DATA command, then hangs up without answering it.</summary>
    HangUpAtData,

    /// <summary>Takes the whole message content, then hangs up without answering the final dot.</summary>
    HangUpAfterContent,
}
