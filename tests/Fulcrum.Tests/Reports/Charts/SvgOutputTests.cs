using Fulcrum.Reports.Charts.Rendering;

namespace Fulcrum.Tests.Reports.Charts;

public class SvgOutputTests
{
    [Fact]
    public void RenumberIds_NumbersInDocumentOrder()
    {
        const string svg = """<clipPath id="cl_1f"/><g clip-path="url(#cl_1f)"/><clipPath id="cl_20"/><use href="#cl_20"/><g clip-path="url(#cl_1f)"/>""";

        var renumbered = SvgOutput.RenumberIds(svg);

        Assert.Equal("""<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/><use href="#clip2"/><g clip-path="url(#clip1)"/>""", renumbered);
    }

    [Fact]
    public void AddFontFallbacks_ExtendsChartFontOnly()
    {
        const string svg = """<text font-family="Liberation Sans">a</text><text font-family="Serif">b</text>""";

        Assert.Equal(
            """<text font-family="Liberation Sans, Arial, Helvetica, sans-serif">a</text><text font-family="Serif">b</text>""",
            SvgOutput.AddFontFallbacks(svg));
    }
}
