using MbcFhirEdu.Web.Features.Patient;

namespace MbcFhirEdu.Web.Tests;

/// <summary>The patient's "From your care team" list: a coordinator's note once per send, not under every material.</summary>
public sealed class CareTeamSendTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CareTeamItem Item(string material, string? note, int hour) =>
        new(Guid.NewGuid(), material, "en", material, note, Monday.AddHours(hour));

    [Fact]
    public void MaterialsSentWithOneNote_FormOneGroup_AndAnotherNoteStartsTheNext()
    {
        // Newest first, as the store lists them: a later send with its own note, then two from an earlier send.
        var items = new[] { Item("bone-health", "See you Friday.", 3), Item("liver", "Read these first.", 1), Item("coping", "Read these first.", 1) };

        var sends = CareTeamSend.Group(items);

        Assert.Equal(["See you Friday.", "Read these first."], sends.Select(s => s.Note));
        Assert.Equal(["liver", "coping"], sends[1].Items.Select(i => i.MaterialId));
    }

    [Fact]
    public void MaterialsWithoutANote_StayListed_InTheirOrder()
    {
        var items = new[] { Item("a", null, 2), Item("b", "Note.", 1), Item("c", null, 0) };

        var sends = CareTeamSend.Group(items);

        Assert.Equal(["a", "b", "c"], sends.SelectMany(s => s.Items).Select(i => i.MaterialId));
        Assert.Equal([null, "Note.", null], sends.Select(s => s.Note));
    }
}
