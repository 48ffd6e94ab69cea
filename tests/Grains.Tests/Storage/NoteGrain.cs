namespace RoleFerry.Grains.Tests.Storage;

public sealed class NoteGrain([PersistentState("note")] IPersistentState<Note> note) : Grain, INoteGrain
{
    public Task WriteAsync(string text)
    {
        note.State.Text = text;
        return note.WriteStateAsync();
    }

    public Task<string?> ReadAsync() => Task.FromResult(note.State.Text);
}
