using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Tests.Support;

/// <summary>The same grain through its internal interface: the calls the engine's grains make (tests make them too).</summary>
internal static class EngineGrains
{
    public static IMailboxEngineGrain Engine(this IMailboxGrain mailbox) => mailbox.AsReference<IMailboxEngineGrain>();

    public static IMailboxPoolEngineGrain Engine(this IMailboxPoolGrain pool) => pool.AsReference<IMailboxPoolEngineGrain>();
}
