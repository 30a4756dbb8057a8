using System.Text.Json;
using FleetKeys.Ctl.Output;

namespace FleetKeys.Ctl.Tests.Cli;

public sealed class RendererTests
{
    private static string Render(string json)
    {
        var output = new StringWriter { NewLine = "\n" };
        Renderer.Text(output, JsonDocument.Parse(json).RootElement);
        return output.ToString();
    }

    [Fact]
    public void A_list_of_objects_is_an_aligned_table_with_readable_headers()
    {
        var text = Render("""[{"slot":"lobby/1","dueAt":null,"overdue":true},{"slot":"lobby/10","dueAt":"2026-06-01T08:00:00.1234+02:00","overdue":false}]""");

        Assert.Equal("""
            SLOT      DUE AT                OVERDUE
            lobby/1   -                     yes
            lobby/10  2026-06-01 06:00:00Z  no

            """, text);
    }

    [Fact]
    public void An_object_is_its_message_then_aligned_values_then_a_titled_table_per_list()
    {
        var text = Render("""
            {"message":"done","self":"a","keysHeld":["x/1","x/2"],"roles":[],"nested":{"port":1},
             "members":[{"address":"a","up":true}],"none":[]}
            """);

        Assert.Equal("""
            done
            self:        a
            keys held:   x/1, x/2
            roles:       (none)
            nested port: 1
            none:        (none)

            members (1)
            ADDRESS  UP
            a        yes

            """, text);
    }

    [Fact]
    public void Control_characters_never_reach_the_terminal()
    {
        Assert.Equal("a b\n", Render("\"a\\u001bb\""));
    }
}
