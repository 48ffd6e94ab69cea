using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Templates;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Sequences;

/// <summary>Follow-ups in the thread of the first email, and the suppression list's stop (kept apart from the sending logic).</summary>
public sealed partial class SequenceGrain
{
    /// <summary>The steps that left before the current one (none for step 1).</summary>
    private async Task<IReadOnlyList<EarlierStep>> LoadThreadAsync() =>
        S.CurrentStep == 1 ? [] : await threads.LoadEarlierAsync(Id, S.CurrentStep);

    private string SubjectOf(TemplateStep step, IReadOnlyList<EarlierStep> thread) =>
        FollowUpThread.Subject(S.CurrentStep, step.Subject, thread, subject => TemplateRenderer.Render(subject ?? "", S.Variables), S.Step(1).Subject);

    private static OutgoingEmail InThread(OutgoingEmail email, IReadOnlyList<EarlierStep> thread, SmtpSettings settings) =>
        FollowUpThread.Apply(email, thread, settings.RepliesReadByRoleFerry);

    /// <summary>
    /// A stop found before the send. When it is the suppression list alone (the address unsubscribed, bounced or
    /// complained in someone else's outreach), the step is canceled with that reason first.
    /// </summary>
    private async Task StopBeforeSendAsync(StepContext context, (string Status, string Reason) stop)
    {
        if (context.SuppressionReason is not null && !context.ContactReplied && !context.ContactOptedOut && context.ContactBounces == 0)
        {
            await store.CancelStepAsync(Id, S.CurrentStep, stop.Reason);
        }

        await FinishAsync(stop.Status, stop.Reason);
    }
}
