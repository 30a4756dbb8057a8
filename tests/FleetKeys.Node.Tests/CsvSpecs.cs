using System.Text;
using FleetKeys.Api.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Node.Tests;

/// <summary>
/// The one CSV writer every export (audit log, custody history) goes through: a cell a spreadsheet would run as a formula
/// is written as plain text, whichever of OWASP's formula starts it begins with.
/// </summary>
public sealed class CsvSpecs
{
    private static async Task<string> Written(params object?[] cells)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        var body = new MemoryStream();
        context.Response.Body = body;
        await Csv.Stream("export.csv", ["cell"], Rows(cells), cell => [cell]).ExecuteAsync(context);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static async IAsyncEnumerable<object?> Rows(object?[] cells)
    {
        foreach (var cell in cells) yield return cell;
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+cmd", "'+1+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public async Task Text_that_would_start_a_formula_is_written_as_plain_text(string text, string cell)
    {
        Assert.Equal($"cell\r\n{cell}\r\n", await Written(text));
    }

    [Fact]
    public async Task Numbers_and_ordinary_text_are_written_as_they_are()
    {
        Assert.Equal("cell\r\n-5\r\nlobby/1\r\n\"a, b\"\r\n\r\n", await Written(-5, "lobby/1", "a, b", null));
    }
}
